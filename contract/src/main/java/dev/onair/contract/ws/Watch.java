package dev.onair.contract.ws;

/**
 * Client (viewer), subscribe to the room's stream ({@code watch}).
 *
 * @param room room id
 * @param quality {@code auto} (default), {@code 720p} or {@code 480p}
 */
public record Watch(String room, String quality) implements ClientMessage {

}
