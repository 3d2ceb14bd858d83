/**
 * Exact room membership in Redis: which viewer session is in which room through which
 * gateway, ordered by event time so replays, duplicates and late events never
 * double-count, plus the per-(gateway, room) heartbeat leases that let a silent gateway's
 * sessions expire.
 */
package dev.onair.presence.membership;
