package dev.onair.media.replies;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Produces {@code SignalToClient} to {@code signal.to-clients} and {@code PublisherEvent}
 * to {@code media.publisher-events}, both keyed by room so they stay in order with
 * everything else about the room. Sends are asynchronous; the producer is idempotent with
 * {@code acks=all}.
 */
@Component
public class Replies {

	/** Retryable: the room's Janus node is gone; publish or watch again. */
	public static final String NODE_DOWN = "media.node-down";

	/** Retryable: Janus did not answer in time. */
	public static final String UNAVAILABLE = "media.unavailable";

	/** Retryable: the publisher started over; watch again. */
	public static final String PUBLISHER_RESTARTED = "media.publisher-restarted";

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final String toClients;

	private final String publisherEvents;

	Replies(KafkaTemplate<String, String> kafka, JsonMapper json, @Value("${onair.kafka.prefix:}") String prefix) {
		this.kafka = kafka;
		this.json = json;
		this.toClients = prefix + Topics.SIGNAL_TO_CLIENTS;
		this.publisherEvents = prefix + Topics.MEDIA_PUBLISHER_EVENTS;
	}

	public void answer(String room, String session, String sdp) {
		send(new SignalToClient("answer", room, session, sdp, null, null, null, null, null, Instant.now()));
	}

	public void offer(String room, String session, String sdp) {
		send(new SignalToClient("offer", room, session, sdp, null, null, null, null, null, Instant.now()));
	}

	/** A Janus candidate for the session; {@code null} = Janus has no more. */
	public void ice(String room, String session, IceCandidate candidate) {
		send(new SignalToClient("ice", room, session, null, candidate, null, null, null, null, Instant.now()));
	}

	public void layer(String room, String session, String layer, List<String> layers) {
		send(new SignalToClient("layer", room, session, null, null, layer, layers, null, null, Instant.now()));
	}

	/** An error for one session, or for the whole room when {@code session} is null. */
	public void error(String room, String session, String code, String message) {
		send(new SignalToClient("error", room, session, null, null, null, null, code, message, Instant.now()));
	}

	public void ended(String room) {
		send(new SignalToClient("ended", room, null, null, null, null, null, null, null, Instant.now()));
	}

	public void publisher(String room, PublisherState state, String session) {
		this.kafka.send(this.publisherEvents, room,
				this.json.writeValueAsString(new PublisherEvent(room, state, session, Instant.now())));
	}

	private void send(SignalToClient message) {
		this.kafka.send(this.toClients, message.room(), this.json.writeValueAsString(message));
	}

}
