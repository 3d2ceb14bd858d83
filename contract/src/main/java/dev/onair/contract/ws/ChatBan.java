package dev.onair.contract.ws;

/**
 * Client, the room's owner bans a user from the broadcast until it is lifted
 * ({@code chat.ban}): the user's session identity can neither join the room nor chat in
 * it, on any instance, after reconnecting too.
 *
 * @param room room id
 * @param user the user's session id (the {@code from} of their messages)
 */
public record ChatBan(String room, String user) implements ClientMessage {

}
