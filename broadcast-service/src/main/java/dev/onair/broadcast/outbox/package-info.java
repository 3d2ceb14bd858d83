/**
 * Transactional outbox: snapshots are appended in the transaction that changed the
 * broadcast and relayed to the compacted {@code broadcast.state} topic, in version order
 * per broadcast and independently across broadcasts, so Kafka (or one of its partitions)
 * being down delays snapshots but never loses them or leaves an older one last.
 */
package dev.onair.broadcast.outbox;
