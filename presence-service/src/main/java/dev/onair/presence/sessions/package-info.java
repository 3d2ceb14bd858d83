/**
 * Consumes the gateways' {@code presence.sessions} facts (consumer group, partitioned by
 * room) into room membership, and knows which rooms this instance owns through its
 * partition assignment.
 */
package dev.onair.presence.sessions;
