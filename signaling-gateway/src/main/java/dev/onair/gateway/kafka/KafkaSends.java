package dev.onair.gateway.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.onair.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The one way this instance produces to Kafka. Two rules keep every thread others wait on
 * free:
 * <ul>
 * <li>{@code KafkaProducer.send} runs on {@code kafka-send} threads: it may wait for
 * topic metadata (up to {@code max.block.ms}), and on a Netty or Lettuce event loop that
 * wait would stall every connection or Redis reply of the instance.</li>
 * <li>What follows a send continues on Reactor's parallel scheduler: the send completes
 * on the producer's network thread, the only thread that can fetch metadata, so a next
 * send chained there could wait for itself until {@code max.block.ms} (the wedge seen
 * when a viewer's departure sent to presence, then to media-service).</li>
 * </ul>
 * At start-up, before the instance reports ready, the producer fetches metadata of every
 * topic it produces, so the first join does not pay for it.
 * <p>
 * Not Spring Cloud Stream's {@code StreamBridge}: every caller continues on its own
 * send's acknowledgement or failure (a chat message is answered, a sanction holds, a
 * canary trip counts only once Kafka has the record), which {@code StreamBridge.send}
 * does not report without waiting for it (docs/development.md, "Departures").
 */
@Component
public class KafkaSends implements ApplicationRunner, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaSends.class);

	/** Topics this instance produces to. */
	private static final List<String> PRODUCED = List.of(Topics.SIGNAL_TO_MEDIA, Topics.CHAT_MESSAGES,
			Topics.MODERATION_SANCTIONS, Topics.PRESENCE_SESSIONS, Topics.GATEWAY_CANARY);

	/** How long start-up keeps asking for metadata before it gives up and fails. */
	private static final Duration METADATA_WAIT = Duration.ofSeconds(60);

	private final KafkaTemplate<byte[], byte[]> kafka;

	private final JsonMapper json;

	private final KafkaTopics topics;

	/**
	 * A send is microseconds unless it waits for metadata; the cap only bounds threads
	 * when Kafka is away, and the queue holds the sends waiting for them.
	 */
	private final Scheduler sends = Schedulers.newBoundedElastic(8, 100_000, "kafka-send");

	/**
	 * Keys and values go out as bytes (UTF-8 text, JSON), through the producer Boot
	 * configures with the binder's byte-array serializers.
	 */
	KafkaSends(KafkaTemplate<byte[], byte[]> kafka, JsonMapper json, KafkaTopics topics) {
		this.kafka = kafka;
		this.json = json;
		this.topics = topics;
	}

	/**
	 * Produces {@code value} as JSON to {@code topic} (the contract's name) with
	 * {@code key}; completes, on a parallel thread, once Kafka acknowledged it.
	 */
	public Mono<Void> send(String topic, String key, Object value) {
		return produce(topic, key, this.json.writeValueAsBytes(value));
	}

	/**
	 * Produces a tombstone for {@code key}: on a compacted topic, the key's value is
	 * gone.
	 */
	public Mono<Void> tombstone(String topic, String key) {
		return produce(topic, key, null);
	}

	private Mono<Void> produce(String topic, String key, byte[] value) {
		return Mono
			.fromFuture(() -> this.kafka.send(this.topics.name(topic), key.getBytes(StandardCharsets.UTF_8), value))
			.subscribeOn(this.sends)
			.publishOn(Schedulers.parallel())
			.then();
	}

	@Override
	public void run(ApplicationArguments args) {
		long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
		for (String topic : PRODUCED) {
			fetchMetadata(this.topics.name(topic), deadline);
		}
	}

	private void fetchMetadata(String topic, long deadline) {
		while (true) {
			try {
				this.kafka.partitionsFor(topic);
				return;
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No Kafka metadata for " + topic + " within " + METADATA_WAIT, ex);
				}
				log.info("Waiting for Kafka metadata of {}: {}", topic, ex.toString());
			}
		}
	}

	@Override
	public void destroy() {
		this.sends.dispose();
	}

}
