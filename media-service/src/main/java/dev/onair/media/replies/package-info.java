/**
 * What media-service tells the rest of the platform: {@code SignalToClient} messages for
 * browser sessions and {@code PublisherEvent} facts, on Kafka keyed by room.
 */
package dev.onair.media.replies;
