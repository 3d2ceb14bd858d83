/**
 * Configuration only: wiring of Kafka, persistence and the web layer for edge-web.
 */
package dev.onair.edge.system;
