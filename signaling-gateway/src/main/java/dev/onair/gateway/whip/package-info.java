/**
 * WHIP (RFC 9725): publishing over HTTP, for OBS and other encoders. A publication is a
 * session without a WebSocket: the owner token authorizes it, {@code signal.to-media}
 * carries it as it does the studio's, it is refused while another publisher's media is
 * live, and its state lives in Redis, so any instance serves its resource.
 */
package dev.onair.gateway.whip;
