package dev.onair.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.testsupport.LocalStack;

/**
 * Everything presence-service published on {@code presence.viewer-counts}, read from the
 * beginning by a background consumer without a group (like a gateway would fan out).
 */
final class PublishedCounts implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaConsumer<String, String> consumer;

	private final Map<String, List<Received>> byRoom = new ConcurrentHashMap<>();

	private final Thread poller;

	private volatile boolean running = true;

	PublishedCounts(String prefix) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumer = new KafkaConsumer<>(properties);
		String topic = prefix + Topics.PRESENCE_VIEWER_COUNTS;
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(10))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.poller = Thread.ofPlatform().name("published-counts").daemon().start(this::poll);
	}

	private void poll() {
		try {
			while (this.running) {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
					ViewerCount count = JSON.readValue(record.value(), ViewerCount.class);
					this.byRoom.computeIfAbsent(record.key(), (room) -> new CopyOnWriteArrayList<>())
						.add(new Received(count, System.nanoTime(), record.timestamp()));
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close();
		}
	}

	List<Received> of(String room) {
		return new ArrayList<>(this.byRoom.getOrDefault(room, List.of()));
	}

	Received latest(String room) {
		List<Received> counts = of(room);
		return counts.isEmpty() ? null : counts.get(counts.size() - 1);
	}

	long latestViewers(String room) {
		Received latest = latest(room);
		return (latest != null) ? latest.count().viewers() : -1;
	}

	Map<String, Long> latestByRoom() {
		Map<String, Long> latest = new ConcurrentHashMap<>();
		this.byRoom.keySet().forEach((room) -> latest.put(room, latestViewers(room)));
		return latest;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.poller.join(5000);
	}

	/**
	 * @param count the published count
	 * @param receivedNanos {@link System#nanoTime()} when this test read it
	 * @param timestamp the record's Kafka timestamp (producer time)
	 */
	record Received(ViewerCount count, long receivedNanos, long timestamp) {

	}

}
