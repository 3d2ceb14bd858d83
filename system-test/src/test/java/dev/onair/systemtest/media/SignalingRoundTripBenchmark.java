package dev.onair.systemtest.media;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.onair.contract.Topics;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka signaling round trip without a browser: this test plays a gateway, produces
 * an {@code ice} for a session that watches nothing to {@code signal.to-media} (keyed by
 * room, {@code acks=all}, as the gateway does) and waits for media-service's
 * {@code media.no-subscription} error on {@code signal.to-clients}, read by a fan-out
 * consumer like a gateway's. media-service does two Redis reads for it and no Janus call,
 * so this is the gateway → media-service → gateway path the p99 ≤ 30 ms target is about.
 * One trip at a time; prints percentiles, asserts nothing about timings.
 */
@RealInfrastructure({ Needs.STACK })
class SignalingRoundTripBenchmark {

	private static final int WARM_UP = 100;

	private static final int TRIPS = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void roundTrips() throws Exception {
		String servers = LocalStack.get().kafkaBootstrapServers();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.LINGER_MS_CONFIG, 0),
				new StringSerializer(), new StringSerializer());
				KafkaConsumer<String, String> replies = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG,
								"signaling-benchmark-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
								"latest"),
						new StringDeserializer(), new StringDeserializer())) {
			replies.subscribe(List.of(Topics.SIGNAL_TO_CLIENTS));
			while (replies.assignment().isEmpty()) {
				replies.poll(Duration.ofMillis(100));
			}
			String room = UUID.randomUUID().toString();
			List<Double> millis = new ArrayList<>();
			for (int i = 0; i < WARM_UP + TRIPS; i++) {
				String session = "bench-" + i;
				String signal = JSON.writeValueAsString(
						new SignalToMedia.Ice(room, session, "benchmark", "viewer", null, Instant.now()));
				long started = System.nanoTime();
				producer.send(new ProducerRecord<>(Topics.SIGNAL_TO_MEDIA, room, signal));
				awaitReplyTo(replies, session);
				if (i >= WARM_UP) {
					millis.add((System.nanoTime() - started) / 1e6);
				}
			}
			MediaBenchmark.report("Kafka signaling round trip (gateway -> signal.to-media -> media-service -> "
					+ "signal.to-clients -> gateway, " + TRIPS + " trips)", millis);
		}
	}

	private static void awaitReplyTo(KafkaConsumer<String, String> replies, String session) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> reply : replies.poll(Duration.ofMillis(50))) {
				if (reply.value().contains("\"" + session + "\"")) {
					return;
				}
			}
		}
		throw new IllegalStateException("media-service did not answer " + session + " within 5 s");
	}

}
