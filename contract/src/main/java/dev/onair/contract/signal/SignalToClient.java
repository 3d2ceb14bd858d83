package dev.onair.contract.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A media-plane message for one session (or, with {@code session == null}, for every
 * session in the room), produced by media-service to {@code signal.to-clients} keyed by
 * room. Every gateway instance reads the whole topic and delivers to the sessions it
 * holds.
 * <p>
 * On the wire a JSON object whose {@code type} names the record (the browser message
 * name: {@code answer}, {@code offer}, {@code ice}, {@code layer}, {@code ended},
 * {@code error}); the other properties are the record's components. Records written
 * before this family carried every component of every type, the unused ones {@code null}:
 * they still read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SignalToClient.Answer.class, name = "answer"),
		@JsonSubTypes.Type(value = SignalToClient.Offer.class, name = "offer"),
		@JsonSubTypes.Type(value = SignalToClient.Ice.class, name = "ice"),
		@JsonSubTypes.Type(value = SignalToClient.Layer.class, name = "layer"),
		@JsonSubTypes.Type(value = SignalToClient.Ended.class, name = "ended"),
		@JsonSubTypes.Type(value = SignalToClient.ErrorMessage.class, name = "error") })
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface SignalToClient {

	/** The room id (= broadcast id); the record's key. */
	String room();

	/** The addressed session, or {@code null} for every session in the room. */
	String session();

	/** When media-service produced it. */
	Instant at();

	/** Janus's answer to the publisher's offer ({@code answer}). */
	record Answer(String room, String session, String sdp, Instant at) implements SignalToClient {

	}

	/** Janus's offer of the publisher's media to a viewer ({@code offer}). */
	record Offer(String room, String session, String sdp, Instant at) implements SignalToClient {

	}

	/**
	 * A Janus ICE candidate ({@code ice}); {@code candidate == null} means end of
	 * candidates.
	 */
	record Ice(String room, String session, IceCandidate candidate, Instant at) implements SignalToClient {

	}

	/**
	 * The layer ({@code 720p}/{@code 480p}) a viewer now receives and the layers the
	 * publisher sends ({@code layer}).
	 */
	record Layer(String room, String session, String layer, List<String> layers, Instant at) implements SignalToClient {

	}

	/** The broadcast ended ({@code ended}); always for the whole room. */
	record Ended(String room, String session, Instant at) implements SignalToClient {

	}

	/**
	 * A refusal or failure ({@code error}) with a stable {@code code} and a
	 * human-readable {@code message}.
	 */
	record ErrorMessage(String room, String session, String code, String message,
			Instant at) implements SignalToClient {

	}

}
