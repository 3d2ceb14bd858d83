package dev.onair.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.testsupport.LocalStack;

/**
 * Plays one signaling-gateway instance on {@code presence.sessions}: joins, leaves and
 * heartbeats listing exactly the viewer sessions it holds per room, produced like the
 * gateway does (keyed by room, acks=all, idempotent).
 */
final class GatewaySimulator implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaProducer<String, String> producer;

	private final String topic;

	private final String id;

	private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();

	private volatile boolean heartbeating = true;

	GatewaySimulator(String prefix, String id) {
		this(LocalStack.get().kafkaBootstrapServers(), prefix, id);
	}

	GatewaySimulator(String bootstrapServers, String prefix, String id) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		this.producer = new KafkaProducer<>(properties);
		this.topic = prefix + Topics.PRESENCE_SESSIONS;
		this.id = id;
	}

	String id() {
		return this.id;
	}

	synchronized SessionEvent join(String room, String session) {
		this.rooms.computeIfAbsent(room, (key) -> ConcurrentHashMap.newKeySet()).add(session);
		return send(new SessionEvent(SessionEventType.JOINED, room, this.id, session, "viewer", null, Instant.now()));
	}

	synchronized SessionEvent leave(String room, String session) {
		this.rooms.getOrDefault(room, Set.of()).remove(session);
		return send(new SessionEvent(SessionEventType.LEFT, room, this.id, session, "viewer", null, Instant.now()));
	}

	/** One heartbeat per room this gateway has held sessions in, unless silenced. */
	synchronized void heartbeat() {
		if (!this.heartbeating) {
			return;
		}
		Instant at = Instant.now();
		this.rooms.forEach((room, sessions) -> send(new SessionEvent(SessionEventType.HEARTBEAT, room, this.id, null,
				"viewer", List.copyOf(new TreeSet<>(sessions)), at)));
	}

	/** The gateway crashed or was cut off: no more heartbeats. */
	synchronized void silence() {
		this.heartbeating = false;
	}

	synchronized SessionEvent send(SessionEvent event) {
		sendRaw(event.room(), JSON.writeValueAsString(event));
		return event;
	}

	void sendRaw(String key, String value) {
		this.producer.send(new ProducerRecord<>(this.topic, key, value));
	}

	/** Waits until everything sent so far is acknowledged by the broker. */
	void flush() {
		this.producer.flush();
	}

	void sendAndWait(SessionEvent event) {
		try {
			this.producer.send(new ProducerRecord<>(this.topic, event.room(), JSON.writeValueAsString(event))).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public void close() {
		// Bounded: with Kafka away the producer would hold its unsent records for the
		// delivery timeout (2 minutes).
		this.producer.close(Duration.ofSeconds(5));
	}

}
