/**
 * Expires the sessions of a gateway that stopped heartbeating in a room (crashed or cut
 * off) once its lease is older than the heartbeat TTL.
 */
package dev.onair.presence.heartbeat;
