package dev.onair.contract.signal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A client's signaling message for the media plane, produced by the gateway to
 * {@code signal.to-media} keyed by room. The gateway has already checked that the session
 * joined the room in {@code role} (a publisher's owner token was verified).
 * <p>
 * On the wire a JSON object whose {@code type} names the record (the browser message
 * name: {@code publish}, {@code watch}, {@code answer}, {@code ice}, {@code quality},
 * {@code unpublish}, {@code unwatch}); the other properties are the record's components.
 * Two more come from the services themselves: {@code left}, which the gateway sends when
 * a session leaves the room or its connection closes, so media-service can release what
 * the session held; and {@code move}, which media-service's drain sends for each viewer
 * of a draining Janus node. Records written before this family carried every component of
 * every type, the unused ones {@code null}: they still read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SignalToMedia.Publish.class, name = "publish"),
		@JsonSubTypes.Type(value = SignalToMedia.Watch.class, name = "watch"),
		@JsonSubTypes.Type(value = SignalToMedia.Answer.class, name = "answer"),
		@JsonSubTypes.Type(value = SignalToMedia.Ice.class, name = "ice"),
		@JsonSubTypes.Type(value = SignalToMedia.Quality.class, name = "quality"),
		@JsonSubTypes.Type(value = SignalToMedia.Unpublish.class, name = "unpublish"),
		@JsonSubTypes.Type(value = SignalToMedia.Unwatch.class, name = "unwatch"),
		@JsonSubTypes.Type(value = SignalToMedia.Left.class, name = "left"),
		@JsonSubTypes.Type(value = SignalToMedia.Move.class, name = "move") })
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface SignalToMedia {

	/**
	 * Session ids of WHEP subscriptions start so. No connection tells of their end, so
	 * media-service does when their player's media hangs up ({@link MediaError#HUNG_UP}).
	 */
	String WHEP_SESSION_PREFIX = "p-";

	/** The room id (= broadcast id); the record's key. */
	String room();

	/** The sending session (for {@code move}, the viewer to move). */
	String session();

	/**
	 * The gateway instance holding the session; {@code null} for {@code move}, which no
	 * gateway sends.
	 */
	String gateway();

	/** {@code viewer} or {@code publisher}. */
	String role();

	/** When the gateway received it (for {@code move}: when the drain asked). */
	Instant at();

	/** The publisher's offer ({@code publish}). */
	record Publish(String room, String session, String gateway, String role, String sdp,
			Instant at) implements SignalToMedia {

	}

	/**
	 * A viewer asks for the publisher's media ({@code watch}); {@code quality} is
	 * {@code auto}, {@code 720p} or {@code 480p}.
	 */
	record Watch(String room, String session, String gateway, String role, String quality,
			Instant at) implements SignalToMedia {

	}

	/** A viewer's answer to media-service's offer ({@code answer}). */
	record Answer(String room, String session, String gateway, String role, String sdp,
			Instant at) implements SignalToMedia {

	}

	/**
	 * A trickled ICE candidate ({@code ice}) of the publisher or a viewer;
	 * {@code candidate == null} means end of candidates.
	 */
	record Ice(String room, String session, String gateway, String role, IceCandidate candidate,
			Instant at) implements SignalToMedia {

	}

	/**
	 * A viewer picks a layer ({@code quality}): {@code auto}, {@code 720p} or
	 * {@code 480p}.
	 */
	record Quality(String room, String session, String gateway, String role, String quality,
			Instant at) implements SignalToMedia {

	}

	/** The publisher stops sending ({@code unpublish}); the room stays. */
	record Unpublish(String room, String session, String gateway, String role, Instant at) implements SignalToMedia {

	}

	/** A viewer stops watching ({@code unwatch}). */
	record Unwatch(String room, String session, String gateway, String role, Instant at) implements SignalToMedia {

	}

	/**
	 * The session left the room or its connection closed ({@code left}, sent by the
	 * gateway): media-service releases whatever it held there.
	 */
	record Left(String room, String session, String gateway, String role, Instant at) implements SignalToMedia {

	}

	/**
	 * Move the viewer off its draining Janus node ({@code move}, sent by media-service's
	 * drain for the room's owner, never by a gateway).
	 */
	record Move(String room, String session, String gateway, String role, Instant at) implements SignalToMedia {

	}

}
