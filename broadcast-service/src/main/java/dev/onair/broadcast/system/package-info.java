/**
 * Configuration only: wiring of Kafka, persistence and the web layer for
 * broadcast-service.
 */
package dev.onair.broadcast.system;
