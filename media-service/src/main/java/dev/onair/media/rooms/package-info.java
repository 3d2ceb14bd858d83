/**
 * Rooms and their publisher: the Janus room per broadcast, the publisher's handle, the
 * publisher's offer/answer and trickle ICE, {@code PublisherEvent}s, keepalive of the
 * room's Janus session, and what happens when its node goes down.
 */
package dev.onair.media.rooms;
