package dev.onair.contract.ws;

/**
 * Client, the room's owner lifts a user's ban or timeout ({@code chat.unban}).
 *
 * @param room room id
 * @param user the user's session id
 */
public record ChatUnban(String room, String user) implements ClientMessage {

}
