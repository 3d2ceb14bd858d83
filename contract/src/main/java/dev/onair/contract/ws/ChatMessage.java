package dev.onair.contract.ws;

import java.time.Instant;

/**
 * Server, a chat message of the room ({@code chat.message}); also the items of
 * {@code joined.history}.
 *
 * @param id message id (delete it with this)
 * @param room room id
 * @param from sender's session id
 * @param name sender's display name
 * @param badge {@code streamer} when the sender is the room's owner, else {@code null}
 * @param text the message, plain text (render it as text)
 * @param at when the gateway accepted it
 */
public record ChatMessage(String id, String room, String from, String name, String badge, String text,
		Instant at) implements ServerMessage {

}
