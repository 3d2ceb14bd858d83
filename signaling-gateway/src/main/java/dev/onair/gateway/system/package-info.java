/**
 * Configuration only: wiring of Kafka, persistence and the web layer for
 * signaling-gateway.
 */
package dev.onair.gateway.system;
