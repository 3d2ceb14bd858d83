package dev.onair.gateway.chat;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What happens in a room's chat, on {@code chat.messages} keyed by room. Only gateways
 * produce and read it, so it lives here rather than in the contract module (sanctions are
 * on {@code moderation.sanctions}).
 * <p>
 * On the wire a JSON object whose {@code kind} names the record ({@code message},
 * {@code deleted}); the other properties are the record's components. Records written
 * before this family carried every component of both kinds, the unused ones {@code null}:
 * they still read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = ChatEvent.Message.class, name = "message"),
		@JsonSubTypes.Type(value = ChatEvent.Deleted.class, name = "deleted") })
@JsonIgnoreProperties(ignoreUnknown = true)
sealed interface ChatEvent {

	/** The room id; the record's key. */
	String room();

	/** When the gateway accepted it. */
	Instant at();

	/**
	 * Someone chatted ({@code message}).
	 *
	 * @param room room id
	 * @param id message id
	 * @param from sender's session
	 * @param name sender's display name
	 * @param badge {@code streamer} or {@code null}
	 * @param text message text
	 * @param at when the gateway accepted it
	 */
	record Message(String room, String id, String from, String name, String badge, String text,
			Instant at) implements ChatEvent {

	}

	/**
	 * The room's owner deleted a message ({@code deleted}).
	 *
	 * @param room room id
	 * @param id the deleted message's id
	 * @param from the owner's session
	 * @param at when the gateway accepted it
	 */
	record Deleted(String room, String id, String from, Instant at) implements ChatEvent {

	}

}
