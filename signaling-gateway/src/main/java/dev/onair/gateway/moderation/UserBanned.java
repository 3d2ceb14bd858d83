package dev.onair.gateway.moderation;

/**
 * Published on this instance when a ban arrives from {@code moderation.sanctions}, so
 * that room membership takes the user's session here out of the room.
 */
public record UserBanned(String room, String user) {

}
