/**
 * Owner moderation that must outlast reconnects, instances and Redis: timeouts and bans
 * per room and signed session identity, kept on the compacted
 * {@code moderation.sanctions} every instance reads whole.
 */
package dev.onair.gateway.moderation;
