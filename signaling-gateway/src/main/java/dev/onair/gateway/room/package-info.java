/**
 * Rooms: joining as viewer or as publisher (owner token), leaving, resuming a session's
 * rooms on any instance, the one-publisher rule, presence events and viewer counts.
 */
package dev.onair.gateway.room;
