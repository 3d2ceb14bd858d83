package dev.onair.media.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.contract.signal.SignalToMedia;

import org.awaitility.Awaitility;

/**
 * The gateway's side of the media signaling, for tests: produces {@code SignalToMedia}
 * and collects everything media-service sends on {@code signal.to-clients} and
 * {@code media.publisher-events}.
 */
public final class KafkaClients implements AutoCloseable {

	private static final String GATEWAY = "gw-test";

	private final JsonMapper json = JsonMapper.builder().build();

	private final String prefix;

	private final KafkaProducer<String, String> producer;

	private final List<SignalToClient> toClients = new CopyOnWriteArrayList<>();

	private final List<PublisherEvent> publisherEvents = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private volatile boolean running = true;

	public KafkaClients(String bootstrap, String prefix) {
		this.prefix = prefix;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(),
				new StringSerializer());
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						prefix + "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		String clients = prefix + Topics.SIGNAL_TO_CLIENTS;
		consumer.subscribe(List.of(clients, prefix + Topics.MEDIA_PUBLISHER_EVENTS));
		this.poller = Thread.ofPlatform().name("test-kafka-poller").daemon().start(() -> {
			try (consumer) {
				while (this.running) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
						if (record.topic().equals(clients)) {
							this.toClients.add(this.json.readValue(record.value(), SignalToClient.class));
						}
						else {
							this.publisherEvents.add(this.json.readValue(record.value(), PublisherEvent.class));
						}
					}
				}
			}
		});
	}

	public void send(SignalToMedia signal) {
		send(signal.room(), this.json.writeValueAsString(signal));
	}

	/** Sends {@code value} as it is, as a gateway of another version might. */
	public void send(String room, String value) {
		this.producer.send(new ProducerRecord<>(this.prefix + Topics.SIGNAL_TO_MEDIA, room, value));
	}

	public static SignalToMedia.Publish publish(String room, String session, String role, String sdp) {
		return new SignalToMedia.Publish(room, session, GATEWAY, role, sdp, Instant.now());
	}

	public static SignalToMedia.Watch watch(String room, String session, String quality) {
		return new SignalToMedia.Watch(room, session, GATEWAY, "viewer", quality, Instant.now());
	}

	public static SignalToMedia.Answer answer(String room, String session, String role, String sdp) {
		return new SignalToMedia.Answer(room, session, GATEWAY, role, sdp, Instant.now());
	}

	/** A trickled candidate; {@code null} ends them. */
	public static SignalToMedia.Ice ice(String room, String session, String role, IceCandidate candidate) {
		return new SignalToMedia.Ice(room, session, GATEWAY, role, candidate, Instant.now());
	}

	/** Waits for the first message of {@code type} to {@code session} (or the room). */
	public <T extends SignalToClient> T await(String room, String session, Class<T> type, Duration within) {
		return await(room, session, type, (message) -> true, within);
	}

	/**
	 * Waits for the first message of {@code type} to {@code session} (or the room) that
	 * matches.
	 */
	public <T extends SignalToClient> T await(String room, String session, Class<T> type, Predicate<? super T> matching,
			Duration within) {
		Predicate<SignalToClient> addressed = (message) -> message.room().equals(room)
				&& (message.session() == null || message.session().equals(session));
		return Awaitility.await()
			.atMost(within)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.toClients.stream()
				.filter(addressed)
				.filter(type::isInstance)
				.map(type::cast)
				.filter(matching)
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	public List<SignalToClient> toClients() {
		return this.toClients;
	}

	public List<PublisherEvent> publisherEvents() {
		return this.publisherEvents;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.poller.join(2000);
		this.producer.close();
	}

}
