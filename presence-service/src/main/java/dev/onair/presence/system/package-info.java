/**
 * Configuration only: wiring of Kafka, persistence and the web layer for
 * presence-service.
 */
package dev.onair.presence.system;
