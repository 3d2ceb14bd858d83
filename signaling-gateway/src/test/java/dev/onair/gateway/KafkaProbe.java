package dev.onair.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import dev.onair.testsupport.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Reads a topic from its current end without a consumer group, and writes records, the
 * way the other services would.
 */
final class KafkaProbe implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	private KafkaProbe(String topic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.consumer = new KafkaConsumer<>(properties);
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
	}

	static KafkaProbe fromEnd(String topic) {
		return new KafkaProbe(topic);
	}

	ConsumerRecord<String, String> await(String description, Predicate<ConsumerRecord<String, String>> condition) {
		List<ConsumerRecord<String, String>> found = new ArrayList<>();
		Awaitility.await(description + "; seen " + this.records)
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(1))
			.until(() -> {
				this.consumer.poll(Duration.ofMillis(50)).forEach(this.records::add);
				this.records.stream().filter(condition).findFirst().ifPresent(found::add);
				return !found.isEmpty();
			});
		return found.get(0);
	}

	/** Every record polled so far. */
	List<ConsumerRecord<String, String>> seen() {
		return List.copyOf(this.records);
	}

	static void send(String topic, String key, String value) {
		send(LocalStack.get().kafkaBootstrapServers(), topic, key, value);
	}

	static void send(String bootstrapServers, String topic, String key, String value) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot produce to " + topic, ex);
		}
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
