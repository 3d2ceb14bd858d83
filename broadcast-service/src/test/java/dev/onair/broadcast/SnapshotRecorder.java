package dev.onair.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.onair.contract.broadcast.BroadcastChanged;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code broadcast.state} topic from the beginning, as a downstream consumer
 * would, and keeps every snapshot per broadcast id in arrival order.
 */
final class SnapshotRecorder implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final Map<String, List<BroadcastChanged>> byId = new ConcurrentHashMap<>();

	private final Map<String, List<String>> keys = new ConcurrentHashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	SnapshotRecorder(String bootstrapServers, String topic, JsonMapper json) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"recorder-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(topic));
		this.thread = Thread.ofPlatform().name("snapshot-recorder").daemon().start(() -> {
			try {
				while (this.running) {
					for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
						BroadcastChanged snapshot = json.readValue(record.value(), BroadcastChanged.class);
						this.byId.computeIfAbsent(snapshot.id(), (id) -> new CopyOnWriteArrayList<>()).add(snapshot);
						this.keys.computeIfAbsent(snapshot.id(), (id) -> new CopyOnWriteArrayList<>())
							.add(record.key());
					}
				}
			}
			catch (WakeupException ex) {
				// closing
			}
			finally {
				this.consumer.close();
			}
		});
	}

	/** Snapshots of one broadcast in the order they arrived. */
	List<BroadcastChanged> of(String id) {
		return List.copyOf(this.byId.getOrDefault(id, List.of()));
	}

	/** Record keys of one broadcast's snapshots. */
	List<String> keysOf(String id) {
		return List.copyOf(this.keys.getOrDefault(id, List.of()));
	}

	List<Long> versionsOf(String id) {
		return of(id).stream().map(BroadcastChanged::version).toList();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.thread.join(10_000);
	}

}
