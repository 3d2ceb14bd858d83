/**
 * Configuration only: wiring of Kafka, persistence and the web layer for media-service.
 */
package dev.onair.media.system;
