package dev.onair.gateway.chat;

import java.time.Instant;

/**
 * What happens in a room's chat, on {@code chat.messages} keyed by room. Only gateways
 * produce and read it, so it lives here rather than in the contract module.
 *
 * @param kind {@code message} or {@code deleted} (sanctions are on
 * {@code moderation.sanctions})
 * @param room room id
 * @param id message id (message, deleted)
 * @param from sender's session (message)
 * @param name sender's display name (message)
 * @param badge {@code streamer} or {@code null} (message)
 * @param text message text (message)
 * @param at when the gateway accepted it
 */
record ChatEvent(String kind, String room, String id, String from, String name, String badge, String text, Instant at) {

	static final String MESSAGE = "message";

	static final String DELETED = "deleted";

}
