package dev.onair.broadcast.system;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens to a record a binding's function cannot handle. Unreadable records
 * (Jackson's exceptions, {@link IllegalArgumentException}: missing fields, malformed ids)
 * go to the binding's dead-letter topic ({@code dlq-name} in application.yml) at once.
 * Any other failure is taken for something we depend on being away (PostgreSQL restarting
 * or failing over: connection refused, a 10 s query timeout) and the record is retried,
 * in place, for {@code window} ({@code LISTENER_RETRY_WINDOW}, 5 minutes by default,
 * longer than a managed database's failover) before it is dead-lettered.
 * <p>
 * Why the container's {@link DefaultErrorHandler} and not the binding's retries: the
 * binder retries with a {@code RetryTemplate} inside one poll, so five minutes of retries
 * would exceed {@code max.poll.interval.ms} and cost the consumer its partitions. Here
 * the back-off sleeps on the consumer thread (never a Netty or Reactor thread), at most
 * {@link #MAX_BACK_OFF} at a time, and each attempt starts with a fresh poll (the handler
 * seeks back), so the time between polls is one back-off plus one attempt (at most 10 s +
 * the functions' 10 s database timeout), far below {@code max.poll.interval.ms} (5
 * minutes, Kafka's default). Seeking back also keeps per-room order, which a retry topic
 * would not (a DISCONNECTED applied before its CONNECTED).
 * <p>
 * Why our own {@link DeadLetterPublishingRecoverer} and not the binder's dead-letter
 * sender: the binder's logs a failed send and moves on (the record is lost while Kafka is
 * away); this one throws, the record is tried again, and it is counted only once the
 * dead-letter topic acknowledged it.
 */
final class ListenerRetry implements ListenerContainerWithDlqAndRetryCustomizer {

	/** The longest single wait between two attempts at a record. */
	static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ListenerRetry.class);

	private final KafkaOperations<String, String> kafka;

	private final MeterRegistry registry;

	private final Duration window;

	private final Set<String> deadLetterTopics = ConcurrentHashMap.newKeySet();

	ListenerRetry(KafkaOperations<String, String> kafka, MeterRegistry registry, Duration window) {
		this.kafka = kafka;
		this.registry = registry;
		this.window = window;
	}

	/**
	 * Retries and dead letters are the container's, never the binding's. The binder asks
	 * only when a binding's {@code max-attempts} is above 1 (application.yml says why).
	 */
	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		if (dlqDestinationResolver == null || properties.getMaxAttempts() < 2) {
			throw new IllegalStateException("Binding " + properties.getBindingName()
					+ " needs enable-dlq and max-attempts above 1 for its records to be retried in place");
		}
		String deadLetterTopic = properties.getExtension().getDlqName();
		this.deadLetterTopics.add(deadLetterTopic);
		Counter deadLetters = deadLetters(deadLetterTopic);
		DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(this.kafka, dlqDestinationResolver);
		// Counted once the dead-letter topic acknowledged the record; a publish that
		// fails throws, and the record is tried again.
		ConsumerRecordRecoverer recoverer = (record, ex) -> {
			publisher.accept(record, ex);
			deadLetters.increment();
		};
		// The binder's own back-off (from max-attempts) is not used: ours is bounded by
		// time, not attempts.
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(this.window));
		handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
		handler.setRetryListeners((record, ex, attempt) -> {
			failures(record.topic()).increment();
			log.warn("Record {}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(), record.offset(),
					attempt, NestedExceptionUtils.getMostSpecificCause(ex).toString());
		});
		container.setCommonErrorHandler(handler);
	}

	/** The binder calls the overload above, which has the binding's properties. */
	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff) {
		throw new UnsupportedOperationException("Needs the binding's properties");
	}

	/** The dead-letter topics of the bindings configured so far. */
	Set<String> deadLetterTopics() {
		return Set.copyOf(this.deadLetterTopics);
	}

	/**
	 * 0.5 s doubling to {@link #MAX_BACK_OFF}, until the waits add up to {@code window}
	 * (the attempts' own time comes on top, so records are retried for at least that
	 * long).
	 */
	static BackOff backOff(Duration window) {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(MAX_BACK_OFF.toMillis());
		backOff.setMaxElapsedTime(window.toMillis());
		return backOff;
	}

	/**
	 * {@code onair_dead_letters_total{topic}}: records given up on, per dead-letter
	 * topic.
	 */
	private Counter deadLetters(String deadLetterTopic) {
		return Counter.builder("onair.dead.letters")
			.description("Records a listener gave up on and published to the dead-letter topic")
			.tag("topic", deadLetterTopic)
			.register(this.registry);
	}

	/**
	 * {@code onair_listener_failures_total{topic}}: failed attempts at a record; one per
	 * unreadable record, one per back-off while PostgreSQL is away.
	 */
	private Counter failures(String topic) {
		return Counter.builder("onair.listener.failures")
			.description("Failed listener attempts at a record (retried after a back-off, or dead-lettered)")
			.tag("topic", topic)
			.register(this.registry);
	}

}
