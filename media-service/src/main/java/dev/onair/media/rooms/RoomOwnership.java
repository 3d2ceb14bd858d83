package dev.onair.media.rooms;

/**
 * This instance took the room over ({@code owned == true}: its state came from Redis and
 * its Janus session was claimed) or handed it over to the instance that now holds its
 * partition ({@code owned == false}).
 */
public record RoomOwnership(String room, boolean owned) {

}
