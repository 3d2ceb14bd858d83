package dev.onair.media.replies;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * everything else about the room; the producer is idempotent with {@code acks=all}.
 * <p>
 * Every method returns at once, on any thread: the send itself runs on the one
 * {@code kafka-send} thread. {@code KafkaProducer.send} may wait up to
 * {@code max.block.ms} for topic metadata or buffer space, and callers include
 * {@code janus-events}, which every room's Janus events go through and which must never
 * wait. One thread keeps the replies of each caller in the order it made them. Nothing
 * continues after a send but logging a failure, so nothing of ours runs on the producer's
 * network thread.
 */
@Component
public class Replies {

	private static final Logger log = LoggerFactory.getLogger(Replies.class);

	/** Retryable: the room's Janus node is gone; publish or watch again. */
	public static final String NODE_DOWN = "media.node-down";

	/** Retryable: Janus did not answer in time. */
	public static final String UNAVAILABLE = "media.unavailable";

	/** Retryable: the publisher started over; watch again. */
	public static final String PUBLISHER_RESTARTED = "media.publisher-restarted";

	/**
	 * Replies made while this many wait are dropped (and logged): Kafka has then been
	 * unreachable far longer than any client waits for an answer, and the queue must not
	 * take the heap with it.
	 */
	private static final int MAX_WAITING = 10_000;

	/**
	 * A scheduled executor although nothing is scheduled: handing it work from a thread
	 * that must not wait is then allowed by BlockHound's Reactor integration (a plain
	 * executor's queue is not).
	 */
	private final ScheduledThreadPoolExecutor sender = new ScheduledThreadPoolExecutor(1,
			Thread.ofPlatform().name("kafka-send").daemon().factory());

	private final AtomicInteger waiting = new AtomicInteger();

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final String toClients;

	private final String publisherEvents;

	Replies(KafkaTemplate<String, String> kafka, JsonMapper json, @Value("${onair.kafka.prefix:}") String prefix) {
		this.kafka = kafka;
		this.json = json;
		this.toClients = prefix + Topics.SIGNAL_TO_CLIENTS;
		this.publisherEvents = prefix + Topics.MEDIA_PUBLISHER_EVENTS;
		// Started here, on the thread creating the application, whose class loader the
		// sender inherits: Kafka loads its classes through it when it makes a new
		// producer.
		this.sender.prestartCoreThread();
	}

	/** The topics replies go to, as named on the broker. */
	public List<String> topics() {
		return List.of(this.toClients, this.publisherEvents);
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
		send(this.publisherEvents, room, new PublisherEvent(room, state, session, Instant.now()));
	}

	private void send(SignalToClient message) {
		send(this.toClients, message.room(), message);
	}

	private void send(String topic, String room, Object message) {
		String value = this.json.writeValueAsString(message);
		if (this.waiting.incrementAndGet() > MAX_WAITING) {
			this.waiting.decrementAndGet();
			log.warn("{} replies wait for Kafka; dropped one to room {} on {}", MAX_WAITING, room, topic);
			return;
		}
		this.sender.execute(() -> {
			this.waiting.decrementAndGet();
			produce(topic, room, value);
		});
	}

	private void produce(String topic, String room, String value) {
		CompletableFuture<?> sent;
		try {
			sent = this.kafka.send(topic, room, value);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((result, ex) -> {
			if (ex != null) {
				log.warn("Reply to room {} on {} was not sent: {}", room, topic, ex.getMessage());
			}
		});
	}

	/** Replies already made still go out before the producer closes. */
	@PreDestroy
	void stop() {
		this.sender.shutdown();
		try {
			this.sender.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
