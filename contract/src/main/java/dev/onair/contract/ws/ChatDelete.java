package dev.onair.contract.ws;

/** Client, the room's owner removes a chat message ({@code chat.delete}). */
public record ChatDelete(String room, String id) implements ClientMessage {

}
