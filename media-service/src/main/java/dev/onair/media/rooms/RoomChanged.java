package dev.onair.media.rooms;

/**
 * The room's subscriptions are no longer valid: its publisher started over
 * ({@code closed == false}, viewers should subscribe again) or the room is gone with its
 * Janus session ({@code closed == true}).
 */
public record RoomChanged(String room, boolean closed) {

}
