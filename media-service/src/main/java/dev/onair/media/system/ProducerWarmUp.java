package dev.onair.media.system;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Fetches the producer's metadata for every topic media-service produces to, before the
 * listeners start and so before the instance reports ready. A send to a topic the
 * producer has no metadata for waits for it, up to {@code max.block.ms}; replies wait on
 * their own {@code kafka-send} thread anyway, and this spares even that thread (and the
 * listeners' dead-letter sends) the wait. {@code metadata.max.idle.ms} keeps the metadata
 * afterwards.
 */
final class ProducerWarmUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

	/**
	 * Start-up asks this long, each try waiting up to {@code max.block.ms}, then fails: a
	 * topic created a moment ago may take a little while to show in the brokers'
	 * metadata.
	 */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final KafkaTemplate<String, String> kafka;

	private final List<String> topics;

	private volatile boolean running;

	ProducerWarmUp(KafkaTemplate<String, String> kafka, List<String> topics) {
		this.kafka = kafka;
		this.topics = List.copyOf(topics);
	}

	@Override
	public void start() {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		for (String topic : this.topics) {
			fetchMetadata(topic, deadline);
		}
		this.running = true;
	}

	private void fetchMetadata(String topic, long deadline) {
		while (true) {
			try {
				this.kafka.partitionsFor(topic);
				return;
			}
			catch (TimeoutException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Kafka gave no metadata for " + topic + " within " + PATIENCE, ex);
				}
				log.info("Still waiting for Kafka metadata of {}: {}", topic, ex.getMessage());
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Just before the listener containers: no signal is handled before it is done. */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
	}

}
