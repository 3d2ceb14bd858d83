/**
 * Kafka in: clients' signaling on {@code signal.to-media} (one owner instance per room
 * partition) and broadcast lifecycle snapshots, dispatched to rooms and viewers.
 */
package dev.onair.media.signal;
