package dev.onair.contract.ws;

/**
 * Client, the room's owner refuses a user's chat for a while ({@code chat.timeout}).
 *
 * @param room room id
 * @param user the user's session id (the {@code from} of their messages)
 * @param seconds 1–86400
 */
public record ChatTimeout(String room, String user, Integer seconds) implements ClientMessage {

}
