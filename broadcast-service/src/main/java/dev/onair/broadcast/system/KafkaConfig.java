package dev.onair.broadcast.system;

import java.time.Duration;
import java.util.List;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The topics broadcast-service touches (created at start-up, the broker does not
 * auto-create) and what happens to a record a listener cannot handle.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

	private static final List<String> TOPICS = List.of(Topics.BROADCAST_STATE, Topics.MEDIA_PUBLISHER_EVENTS,
			Topics.deadLetter(Topics.MEDIA_PUBLISHER_EVENTS), Topics.PRESENCE_VIEWER_COUNTS,
			Topics.deadLetter(Topics.PRESENCE_VIEWER_COUNTS));

	/** The outbox's topic and the dead-letter siblings of the topics consumed. */
	private static final List<String> PRODUCED = List.of(Topics.BROADCAST_STATE,
			Topics.deadLetter(Topics.MEDIA_PUBLISHER_EVENTS), Topics.deadLetter(Topics.PRESENCE_VIEWER_COUNTS));

	/** The topics listened to; each has a dead-letter sibling. */
	private static final List<String> CONSUMED = List.of(Topics.MEDIA_PUBLISHER_EVENTS, Topics.PRESENCE_VIEWER_COUNTS);

	/** The longest single wait between two attempts at a record. */
	static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

	@Bean
	KafkaAdmin.NewTopics topics(@Value("${onair.kafka.prefix:}") String prefix) {
		return new KafkaAdmin.NewTopics(
				TOPICS.stream().map(Topics::spec).map((spec) -> topic(prefix, spec)).toArray(NewTopic[]::new));
	}

	/**
	 * Fetches the metadata of every topic this instance produces before it reports ready,
	 * so neither the first relay round nor the first dead letter waits for it. Kafka away
	 * at start-up is not fatal: the API keeps working and the outbox holds the snapshots
	 * until it is back.
	 */
	@Bean
	ApplicationRunner producerMetadata(KafkaTemplate<String, String> template,
			@Value("${onair.kafka.prefix:}") String prefix) {
		return (args) -> {
			try {
				PRODUCED.forEach((topic) -> template.partitionsFor(prefix + topic));
			}
			catch (KafkaException ex) {
				log.warn("No Kafka metadata at start-up; the first sends fetch it: {}", ex.toString());
			}
		};
	}

	/**
	 * Unreadable records (bad JSON, missing fields, malformed ids) go to the topic's
	 * dead-letter sibling at once. Any other failure is taken for something we depend on
	 * being away (PostgreSQL restarting or failing over: connection refused, a 10 s query
	 * timeout) and the record is retried, in place, for {@code retryWindow} (5 minutes by
	 * default, longer than a managed database's failover) before it is dead-lettered.
	 * <p>
	 * Why {@link DefaultErrorHandler} and not a retry topic: a retry topic would let the
	 * room's later events overtake the failed one (a DISCONNECTED applied before its
	 * CONNECTED), while seeking back keeps per-room order; with the database down nothing
	 * else could be applied anyway. The back-off sleeps on the listener's consumer thread
	 * (never a Netty or Reactor thread), at most {@link #MAX_BACK_OFF} at a time, and
	 * each attempt starts with a fresh poll, so the time between polls is one back-off
	 * plus one attempt (at most 10 s + the listeners' 10 s database timeout), far below
	 * {@code max.poll.interval.ms} (5 minutes, Kafka's default): the consumer keeps its
	 * partitions for the whole window.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template, MeterRegistry registry,
			@Value("${onair.kafka.prefix:}") String prefix,
			@Value("${onair.kafka.listener-retry-window:5m}") Duration retryWindow) {
		CONSUMED.forEach((topic) -> deadLetters(registry, prefix + Topics.deadLetter(topic)));
		DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		// Counted once the dead-letter topic acknowledged the record; a publish that
		// fails throws, and the record is tried again.
		ConsumerRecordRecoverer recoverer = (record, ex) -> {
			publisher.accept(record, ex);
			deadLetters(registry, Topics.deadLetter(record.topic())).increment();
		};
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, listenerBackOff(retryWindow));
		handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
		handler.setRetryListeners((record, ex, attempt) -> {
			failures(registry, record.topic()).increment();
			log.warn("Record {}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(), record.offset(),
					attempt, NestedExceptionUtils.getMostSpecificCause(ex).toString());
		});
		return handler;
	}

	/**
	 * 0.5 s doubling to {@link #MAX_BACK_OFF}, until the waits add up to {@code window}
	 * (the attempts' own time comes on top, so records are retried for at least that
	 * long).
	 */
	static BackOff listenerBackOff(Duration window) {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(MAX_BACK_OFF.toMillis());
		backOff.setMaxElapsedTime(window.toMillis());
		return backOff;
	}

	/**
	 * {@code onair_dead_letters_total{topic}}: records given up on, per dead-letter
	 * topic.
	 */
	private static Counter deadLetters(MeterRegistry registry, String deadLetterTopic) {
		return Counter.builder("onair.dead.letters")
			.description("Records a listener gave up on and published to the dead-letter topic")
			.tag("topic", deadLetterTopic)
			.register(registry);
	}

	/**
	 * {@code onair_listener_failures_total{topic}}: failed attempts at a record; one per
	 * unreadable record, one per back-off while PostgreSQL is away.
	 */
	private static Counter failures(MeterRegistry registry, String topic) {
		return Counter.builder("onair.listener.failures")
			.description("Failed listener attempts at a record (retried after a back-off, or dead-lettered)")
			.tag("topic", topic)
			.register(registry);
	}

	private static NewTopic topic(String prefix, TopicSpec spec) {
		TopicBuilder builder = TopicBuilder.name(prefix + spec.name()).partitions(spec.partitions());
		if (spec.compacted()) {
			return builder.compact().build();
		}
		return builder.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis())).build();
	}

}
