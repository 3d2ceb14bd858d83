/**
 * WHIP (RFC 9725) and WHEP: publishing and watching over HTTP, for OBS, players and other
 * tools. A publication or subscription is a session without a WebSocket:
 * {@code signal.to-media} carries it as it does the studio's or a viewer's, and its state
 * lives in Redis, so any instance serves its resource. A publication needs the owner
 * token and is refused while another publisher's media is live; a subscription is counted
 * by the instance that made it.
 */
package dev.onair.gateway.whip;
