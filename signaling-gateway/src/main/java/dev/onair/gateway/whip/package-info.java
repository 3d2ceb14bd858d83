/**
 * WHIP (RFC 9725): publishing over HTTP, for OBS and other encoders. A publication is a
 * session without a WebSocket: the owner token authorizes it, the room's publisher seat
 * and {@code signal.to-media} carry it as they do the studio's, and its state lives in
 * Redis, so any instance serves its resource.
 */
package dev.onair.gateway.whip;
