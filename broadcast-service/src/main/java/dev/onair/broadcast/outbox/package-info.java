/**
 * Transactional outbox: snapshots are appended in the transaction that changed the
 * broadcast and relayed to the compacted {@code broadcast.state} topic in id order, so
 * Kafka being down delays snapshots but never loses or reorders them.
 */
package dev.onair.broadcast.outbox;
