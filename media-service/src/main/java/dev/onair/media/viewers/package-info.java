/**
 * Viewers' subscriptions: one Janus subscriber handle per watching session on the room's
 * Janus session, the offer/answer and trickle ICE, and the layer each viewer gets
 * ({@code 720p}, {@code 480p}, or {@code auto}, which follows Janus's slow-link reports).
 */
package dev.onair.media.viewers;
