package dev.onair.contract.ws;

/**
 * Client, post to the room's chat ({@code chat.send}); 1–300 characters after trimming,
 * control characters removed.
 */
public record ChatSend(String room, String text) implements ClientMessage {

}
