package dev.onair.contract.ws;

/** Server, remove this chat message from the room's view ({@code chat.deleted}). */
public record ChatDeleted(String room, String id) implements ServerMessage {

}
