/**
 * Feeds the index from Kafka: every replica reads {@code broadcast.state} and
 * {@code presence.viewer-counts} from the beginning (manual assignment, no shared group
 * work) and keeps readiness off until it has caught up with the end offsets it saw at
 * start-up.
 */
package dev.onair.search.ingest;
