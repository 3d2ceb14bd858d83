/**
 * Configuration only: wiring of Kafka, persistence and the web layer for search-service.
 */
package dev.onair.search.system;
