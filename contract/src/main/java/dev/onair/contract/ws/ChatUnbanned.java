package dev.onair.contract.ws;

/**
 * Server, a user's ban or timeout in the room was lifted ({@code chat.unbanned}).
 */
public record ChatUnbanned(String room, String user) implements ServerMessage {

}
