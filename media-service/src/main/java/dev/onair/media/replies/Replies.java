package dev.onair.media.replies;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.MediaError;
import dev.onair.contract.signal.SignalToClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Produces {@code SignalToClient} to {@code signal.to-clients} (through the
 * {@code signalsToClients-out-0} binding) and {@code PublisherEvent} to
 * {@code media.publisher-events} (with {@link KafkaTemplate}, which gives each send's
 * acknowledgement without waiting for it; docs/development.md, "Departures"), both keyed
 * by room so they stay in order with everything else about the room; the producers are
 * idempotent with {@code acks=all}.
 * <p>
 * Every method returns at once, on any thread: the send itself runs on the one
 * {@code kafka-send} thread. {@code KafkaProducer.send} may wait up to
 * {@code max.block.ms} for topic metadata or buffer space, and callers include
 * {@code janus-events}, which every room's Janus events go through and which must never
 * wait. One thread keeps the replies of each caller in the order it made them. Nothing
 * continues after a send on the producer's network thread but handing the outcome back to
 * that one thread.
 * <p>
 * Signals to clients are sent once: a client that misses an answer asks again. Publisher
 * lifecycle events are facts broadcast-service cannot ask for again, and the signal or
 * Janus event that caused one is already behind us (its offset committed), so each is
 * sent until Kafka acknowledges it, a room's events one at a time and in order: a
 * CONNECTED retried after the DISCONNECTED that followed it would leave the broadcast
 * LIVE.
 */
@Component
public class Replies implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Replies.class);

	/** The output binding to {@code signal.to-clients} (application.yml). */
	private static final String TO_CLIENTS = "signalsToClients-out-0";

	/**
	 * Replies made while this many wait are dropped (and logged): Kafka has then been
	 * unreachable far longer than any client waits for an answer, and the queue must not
	 * take the heap with it.
	 */
	private static final int MAX_WAITING = 10_000;

	/**
	 * Back-off between attempts of an unacknowledged lifecycle event: short for a broker
	 * that restarts, bounded so a room's event goes out within seconds of Kafka's return.
	 */
	private static final Duration FIRST_RETRY = Duration.ofMillis(250);

	private static final Duration LAST_RETRY = Duration.ofSeconds(5);

	/**
	 * A scheduled executor although nothing is scheduled: handing it work from a thread
	 * that must not wait is then allowed by BlockHound's Reactor integration (a plain
	 * executor's queue is not).
	 */
	private final ScheduledThreadPoolExecutor sender = new ScheduledThreadPoolExecutor(1,
			Thread.ofPlatform().name("kafka-send").daemon().factory());

	private final AtomicInteger waiting = new AtomicInteger();

	/**
	 * Per room, lifecycle events not acknowledged yet, the head in flight or waiting for
	 * its retry; touched only on the {@code kafka-send} thread.
	 */
	private final Map<String, Queue<String>> unacknowledged = new HashMap<>();

	private final AtomicInteger unacknowledgedCount = new AtomicInteger();

	private final Counter lifecycleRetries;

	private final StreamBridge bridge;

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final String publisherEvents;

	private volatile boolean running;

	Replies(StreamBridge bridge, KafkaTemplate<String, String> kafka, JsonMapper json,
			@Value("${onair.media.publisher-events-topic}") String publisherEvents, MeterRegistry meters) {
		this.bridge = bridge;
		this.kafka = kafka;
		this.json = json;
		this.publisherEvents = publisherEvents;
		// Started here, on the thread creating the application, whose class loader the
		// sender inherits: Kafka loads its classes through it when it makes a new
		// producer.
		this.sender.prestartCoreThread();
		Gauge.builder("onair.media.publisher-events.unacknowledged", this.unacknowledgedCount, AtomicInteger::get)
			.description("Publisher lifecycle events made but not acknowledged by Kafka yet")
			.register(meters);
		this.lifecycleRetries = Counter.builder("onair.media.publisher-events.retries")
			.description("Publisher lifecycle event sends that failed and are tried again")
			.register(meters);
	}

	public void answer(String room, String session, String sdp) {
		send(new SignalToClient.Answer(room, session, sdp, Instant.now()));
	}

	public void offer(String room, String session, String sdp) {
		send(new SignalToClient.Offer(room, session, sdp, Instant.now()));
	}

	/** A Janus candidate for the session; {@code null} = Janus has no more. */
	public void ice(String room, String session, IceCandidate candidate) {
		send(new SignalToClient.Ice(room, session, candidate, Instant.now()));
	}

	public void layer(String room, String session, String layer, List<String> layers) {
		send(new SignalToClient.Layer(room, session, layer, layers, Instant.now()));
	}

	/** An error for one session, or for the whole room when {@code session} is null. */
	public void error(String room, String session, String code, String message) {
		send(new SignalToClient.ErrorMessage(room, session, code, message, Instant.now()));
	}

	/**
	 * A media error for one session, or for the whole room when {@code session} is null.
	 */
	public void error(String room, String session, MediaError error, String message) {
		error(room, session, error.code(), message);
	}

	public void ended(String room) {
		send(new SignalToClient.Ended(room, null, Instant.now()));
	}

	/** Sent until acknowledged, after the room's earlier lifecycle events. */
	public void publisher(String room, PublisherState state, String session) {
		String value = this.json.writeValueAsString(new PublisherEvent(room, state, session, Instant.now()));
		this.unacknowledgedCount.incrementAndGet();
		// Never dropped like a reply: at most a few per room, and each one counts.
		this.sender.execute(() -> {
			Queue<String> pending = this.unacknowledged.computeIfAbsent(room, (key) -> new ArrayDeque<>());
			pending.add(value);
			if (pending.size() == 1) {
				produceLifecycle(room, 0);
			}
		});
	}

	private void send(SignalToClient message) {
		String room = message.room();
		byte[] value = this.json.writeValueAsBytes(message);
		if (this.waiting.incrementAndGet() > MAX_WAITING) {
			this.waiting.decrementAndGet();
			log.warn("{} replies wait for Kafka; dropped one to room {}", MAX_WAITING, room);
			return;
		}
		this.sender.execute(() -> {
			this.waiting.decrementAndGet();
			produce(room, value);
		});
	}

	/**
	 * Hands the reply to the binding's producer; runs on {@code kafka-send}. The binding
	 * does not wait for Kafka's acknowledgement: one that fails later is logged by the
	 * binder.
	 */
	private void produce(String room, byte[] value) {
		try {
			this.bridge.send(TO_CLIENTS,
					MessageBuilder.withPayload(value)
						.setHeader(KafkaHeaders.KEY, room.getBytes(StandardCharsets.UTF_8))
						.build());
		}
		catch (RuntimeException ex) {
			log.warn("Reply to room {} was not sent: {}", room, ex.getMessage());
		}
	}

	/**
	 * Sends the room's oldest unacknowledged lifecycle event; runs on {@code kafka-send}.
	 * Its outcome comes back there: acknowledged, the next one goes; failed, the same one
	 * again after a back-off.
	 */
	private void produceLifecycle(String room, int attempt) {
		String value = this.unacknowledged.get(room).element();
		CompletableFuture<?> sent;
		try {
			sent = this.kafka.send(this.publisherEvents, room, value);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((result, ex) -> {
			if (ex == null) {
				this.sender.execute(() -> acknowledged(room));
				return;
			}
			this.lifecycleRetries.increment();
			Duration delay = retryDelay(attempt);
			log.warn("Publisher event of room {} not acknowledged (attempt {}), again in {} ms: {}", room, attempt + 1,
					delay.toMillis(), ex.getMessage());
			this.sender.schedule(() -> produceLifecycle(room, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
		});
	}

	private void acknowledged(String room) {
		Queue<String> pending = this.unacknowledged.get(room);
		pending.remove();
		this.unacknowledgedCount.decrementAndGet();
		if (pending.isEmpty()) {
			this.unacknowledged.remove(room);
		}
		else {
			produceLifecycle(room, 0);
		}
	}

	private static Duration retryDelay(int attempt) {
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempt, 5));
		return (delay.compareTo(LAST_RETRY) < 0) ? delay : LAST_RETRY;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Replies already made go out before the output binding stops: waits (up to 5 s) for
	 * {@code kafka-send} to hand over what was queued until now. A reply made later,
	 * while the instance shuts down, is logged as not sent.
	 */
	@Override
	public void stop() {
		this.running = false;
		try {
			this.sender.submit(() -> {
			}).get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Replies still queued at shutdown may be lost: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the input bindings (phase {@code Integer.MAX_VALUE - 3000}: no more
	 * signals) and before Spring Cloud Stream's {@code OutputBindingLifecycle} (phase
	 * {@code Integer.MIN_VALUE + 1000}) unbinds {@code signalsToClients-out-0}.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

	/**
	 * Publisher events go out with {@link KafkaTemplate}, whose producer closes after
	 * this: events still queued or waiting for a retry get 5 s; one Kafka still refuses
	 * then is lost with this instance, and counted in the log.
	 */
	@PreDestroy
	void close() {
		this.sender.shutdown();
		try {
			this.sender.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.unacknowledgedCount.get() > 0) {
			log.warn("{} publisher events not acknowledged by Kafka at shutdown", this.unacknowledgedCount.get());
		}
	}

}
