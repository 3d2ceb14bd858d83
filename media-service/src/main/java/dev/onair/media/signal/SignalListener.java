package dev.onair.media.signal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.media.janus.JanusException;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;
import dev.onair.media.rooms.Publishing;
import dev.onair.media.viewers.Moves;
import dev.onair.media.viewers.Watching;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Handles each client signal in the order the room's partition holds them. A refused
 * request or an unreachable Janus is answered with an {@code error} to the sender and the
 * record counts as handled (retrying a publish would only repeat it); a record that
 * cannot be read goes to the dead-letter topic.
 */
@Component
class SignalListener {

	private static final Logger log = LoggerFactory.getLogger(SignalListener.class);

	private final JsonMapper json;

	private final Publishing publishing;

	private final Watching watching;

	private final Moves moves;

	private final Replies replies;

	SignalListener(JsonMapper json, Publishing publishing, Watching watching, Moves moves, Replies replies) {
		this.json = json;
		this.publishing = publishing;
		this.watching = watching;
		this.moves = moves;
		this.replies = replies;
	}

	@KafkaListener(id = "signal-to-media", topics = "${onair.kafka.prefix:}" + Topics.SIGNAL_TO_MEDIA,
			groupId = "${onair.kafka.prefix:}${spring.application.name}")
	void on(String value) {
		SignalToMedia signal = this.json.readValue(value, SignalToMedia.class);
		if (signal.type() == null || signal.room() == null || signal.session() == null) {
			throw new InvalidSignalException("A signal needs type, room and session: " + value);
		}
		try {
			dispatch(signal);
		}
		catch (MediaRefusal ex) {
			this.replies.error(signal.room(), signal.session(), ex.code(), ex.getMessage());
		}
		catch (JanusException ex) {
			log.warn("Janus failed on {} in room {} for {}: {}", signal.type(), signal.room(), signal.session(),
					ex.getMessage());
			this.replies.error(signal.room(), signal.session(), Replies.UNAVAILABLE,
					"The media server did not answer; retry");
		}
	}

	private void dispatch(SignalToMedia signal) {
		switch (signal.type()) {
			case "publish" -> this.publishing.publish(signal);
			case "unpublish" -> this.publishing.unpublish(signal);
			case "watch" -> this.watching.watch(signal);
			case "answer" -> {
				requireViewer(signal);
				this.watching.answer(signal);
			}
			case "ice" -> {
				if (!this.publishing.ice(signal)) {
					this.watching.ice(signal);
				}
			}
			case "quality" -> this.watching.quality(signal);
			case "unwatch" -> this.watching.unwatch(signal);
			// Only media-service itself sends it (drain): the gateway forwards client
			// messages only.
			case "move" -> this.moves.move(signal);
			case "left" -> {
				this.watching.unwatch(signal);
				this.publishing.unpublish(signal);
			}
			default -> throw new MediaRefusal("message.unknown-type", "media-service does not handle " + signal.type());
		}
	}

	/** Publishers answer nothing: their SDP comes with {@code publish}. */
	private static void requireViewer(SignalToMedia signal) {
		if ("publisher".equals(signal.role())) {
			throw new MediaRefusal("room.viewer-only", "A publisher sends its SDP with publish, not answer");
		}
	}

}
