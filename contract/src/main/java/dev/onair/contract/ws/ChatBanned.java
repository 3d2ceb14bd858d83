package dev.onair.contract.ws;

/**
 * Server, a user of the room was banned from the broadcast ({@code chat.banned}); the
 * user's sessions are taken out of the room.
 */
public record ChatBanned(String room, String user) implements ServerMessage {

}
