package dev.onair.search;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.testsupport.LocalStack;

/**
 * Plays broadcast-service and presence-service for the tests: writes snapshots and counts
 * to one test prefix's topics on the real broker.
 */
final class KafkaFeed implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String prefix;

	private final KafkaProducer<String, String> producer;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	KafkaFeed(String prefix) {
		this.prefix = prefix;
		createTopics();
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	void broadcast(BroadcastChanged snapshot) {
		send(Topics.BROADCAST_STATE, snapshot.id(), JSON.writeValueAsString(snapshot));
	}

	void viewers(String room, long viewers) {
		send(Topics.PRESENCE_VIEWER_COUNTS, room,
				JSON.writeValueAsString(new ViewerCount(room, viewers, viewers, java.time.Instant.now())));
	}

	void raw(String topic, String key, String value) {
		send(topic, key, value);
	}

	/**
	 * Waits until everything sent so far is acknowledged by the broker, and fails if any
	 * record was not: a feed that silently lost records would make the assertions lie.
	 */
	void flush() {
		this.producer.flush();
		Exception lost = this.failure.get();
		if (lost != null) {
			throw new IllegalStateException("A record of the feed for " + this.prefix + " was not delivered", lost);
		}
	}

	String prefix() {
		return this.prefix;
	}

	private void send(String topic, String key, String value) {
		this.producer.send(new ProducerRecord<>(this.prefix + topic, key, value), (metadata, ex) -> {
			if (ex != null) {
				this.failure.compareAndSet(null, ex);
			}
		});
	}

	private void createTopics() {
		List<NewTopic> topics = List.of(Topics.BROADCAST_STATE, Topics.PRESENCE_VIEWER_COUNTS)
			.stream()
			.map(Topics::spec)
			.map(this::newTopic)
			.toList();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers()))) {
			admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
			awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create the test topics for " + this.prefix, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new partition refuses writes until it has a leader; an idempotent producer that
	 * hits that on a loaded broker can end in out-of-order-sequence retries until its
	 * delivery timeout drops the records. So the feed starts only once every partition
	 * has a leader.
	 */
	private static void awaitLeaders(Admin admin, List<String> names) {
		Awaitility.await("leaders for every partition of " + names)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> admin.describeTopics(names)
				.allTopicNames()
				.get()
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions().stream())
				.allMatch((partition) -> partition.leader() != null && !partition.leader().isEmpty()));
	}

	private NewTopic newTopic(TopicSpec spec) {
		return new NewTopic(this.prefix + spec.name(), spec.partitions(), (short) 1)
			.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy()));
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
