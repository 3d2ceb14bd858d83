package dev.onair.media.system;

import java.time.Duration;

import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Fetches the {@link KafkaTemplate} producer's metadata of {@code media.publisher-events}
 * before the input bindings start and so before the instance reports ready. A send to a
 * topic the producer has no metadata for waits for it, up to {@code max.block.ms};
 * publisher events wait on the {@code kafka-send} thread anyway, and this spares that
 * thread, and the replies behind it, the wait. {@code metadata.max.idle.ms} keeps the
 * metadata afterwards. (The output bindings fetch their topics' metadata when they are
 * created, at start-up; a dead letter may wait for its topic's, on a listener thread.)
 */
final class ProducerWarmUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

	/**
	 * Start-up asks this long, each try waiting up to {@code max.block.ms}, then fails: a
	 * topic created a moment ago may take a little while to show in the brokers'
	 * metadata.
	 */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	/**
	 * Spring Cloud Stream's {@code InputBindingLifecycle} phase: the bindings start their
	 * consumers there.
	 */
	private static final int INPUT_BINDINGS_PHASE = Integer.MAX_VALUE - 3000;

	private final KafkaTemplate<String, String> kafka;

	private final String topic;

	private volatile boolean running;

	ProducerWarmUp(KafkaTemplate<String, String> kafka, String topic) {
		this.kafka = kafka;
		this.topic = topic;
	}

	@Override
	public void start() {
		fetchMetadata();
		this.running = true;
	}

	private void fetchMetadata() {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			try {
				this.kafka.partitionsFor(this.topic);
				return;
			}
			catch (TimeoutException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Kafka gave no metadata for " + this.topic + " within " + PATIENCE,
							ex);
				}
				log.info("Still waiting for Kafka metadata of {}: {}", this.topic, ex.getMessage());
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

	/** Just before the input bindings: no signal is handled before it is done. */
	@Override
	public int getPhase() {
		return INPUT_BINDINGS_PHASE - 1;
	}

}
