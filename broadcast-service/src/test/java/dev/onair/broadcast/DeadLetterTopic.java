package dev.onair.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads a dead-letter topic from the beginning, as an operator inspecting it would. */
final class DeadLetterTopic {

	private DeadLetterTopic() {
	}

	/** Waits (up to 20 s) until at least {@code expected} records are there. */
	static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, int expected) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"dlt-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				assertThat(records).as("records on %s", topic).hasSizeGreaterThanOrEqualTo(expected);
			});
		}
		return records;
	}

}
