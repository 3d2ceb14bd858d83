package dev.onair.media.signal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.signal.MediaError;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.media.janus.JanusException;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;
import dev.onair.media.rooms.Publishing;
import dev.onair.media.viewers.Moves;
import dev.onair.media.viewers.Watching;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Handles each client signal in the order the room's partition holds them. A refused
 * request or an unreachable Janus is answered with an {@code error} to the sender and the
 * record counts as handled (retrying a publish would only repeat it); a record that
 * cannot be read goes to the dead-letter topic. The function behind the
 * {@code signalsToMedia-in-0} binding (application.yml).
 */
@Component(SignalsToMedia.FUNCTION)
class SignalsToMedia implements Consumer<Message<byte[]>> {

	static final String FUNCTION = "signalsToMedia";

	/** The binding {@link RoomHandover} moves rooms with. */
	static final String BINDING = FUNCTION + "-in-0";

	private static final Logger log = LoggerFactory.getLogger(SignalsToMedia.class);

	private final JsonMapper json;

	private final Publishing publishing;

	private final Watching watching;

	private final Moves moves;

	private final Replies replies;

	SignalsToMedia(JsonMapper json, Publishing publishing, Watching watching, Moves moves, Replies replies) {
		this.json = json;
		this.publishing = publishing;
		this.watching = watching;
		this.moves = moves;
		this.replies = replies;
	}

	@Override
	public void accept(Message<byte[]> message) {
		String value = new String(message.getPayload(), StandardCharsets.UTF_8);
		SignalToMedia signal;
		try {
			signal = this.json.readValue(value, SignalToMedia.class);
		}
		catch (InvalidTypeIdException ex) {
			refuseUnknownType(value, ex.getTypeId());
			return;
		}
		if (signal.room() == null || signal.session() == null) {
			throw new InvalidSignalException("A signal needs type, room and session: " + value);
		}
		try {
			dispatch(signal);
		}
		catch (MediaRefusal ex) {
			this.replies.error(signal.room(), signal.session(), ex.code(), ex.getMessage());
		}
		catch (JanusException ex) {
			log.warn("Janus failed on {} in room {} for {}: {}", signal.getClass().getSimpleName(), signal.room(),
					signal.session(), ex.getMessage());
			this.replies.error(signal.room(), signal.session(), MediaError.UNAVAILABLE,
					"The media server did not answer; retry");
		}
	}

	private void dispatch(SignalToMedia signal) {
		switch (signal) {
			case SignalToMedia.Publish publish -> this.publishing.publish(publish);
			case SignalToMedia.Unpublish unpublish -> this.publishing.unpublish(unpublish);
			case SignalToMedia.Watch watch -> this.watching.watch(watch);
			case SignalToMedia.Answer answer -> {
				requireViewer(answer);
				this.watching.answer(answer);
			}
			case SignalToMedia.Ice ice -> {
				if (!this.publishing.ice(ice)) {
					this.watching.ice(ice);
				}
			}
			case SignalToMedia.Quality quality -> this.watching.quality(quality);
			case SignalToMedia.Unwatch unwatch -> this.watching.unwatch(unwatch);
			// Only media-service itself sends it (drain): the gateway forwards client
			// messages only.
			case SignalToMedia.Move move -> this.moves.move(move);
			case SignalToMedia.Left left -> {
				this.watching.unwatch(left);
				this.publishing.left(left);
			}
		}
	}

	/**
	 * A signal of a type this instance does not know (a newer gateway's, during a
	 * rollout) is refused to its sender like any request media-service cannot serve;
	 * without a type, room or session nobody can be answered, and it is dead-lettered.
	 */
	private void refuseUnknownType(String value, String type) {
		JsonNode fields = this.json.readTree(value);
		String room = fields.path("room").stringValue(null);
		String session = fields.path("session").stringValue(null);
		if (type == null || room == null || session == null) {
			throw new InvalidSignalException("A signal needs type, room and session: " + value);
		}
		this.replies.error(room, session, "message.unknown-type", "media-service does not handle " + type);
	}

	/** Publishers answer nothing: their SDP comes with {@code publish}. */
	private static void requireViewer(SignalToMedia signal) {
		if ("publisher".equals(signal.role())) {
			throw new MediaRefusal("room.viewer-only", "A publisher sends its SDP with publish, not answer");
		}
	}

}
