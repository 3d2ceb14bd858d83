package dev.onair.media.rooms;

/**
 * A node the room was cascaded to went down: its viewers there have no media any more.
 *
 * @param room room id
 * @param node the edge node's id
 */
public record EdgeLost(String room, String node) {

}
