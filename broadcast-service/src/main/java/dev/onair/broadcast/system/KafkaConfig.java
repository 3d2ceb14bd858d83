package dev.onair.broadcast.system;

import java.util.List;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
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
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

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
	 * dead-letter sibling at once; other failures (e.g. PostgreSQL restarting) are
	 * retried for about 45 s first, keeping per-room order. The consumer always carries
	 * on.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(8);
		backOff.setInitialInterval(500);
		backOff.setMaxInterval(10_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
		return handler;
	}

	private static NewTopic topic(String prefix, TopicSpec spec) {
		TopicBuilder builder = TopicBuilder.name(prefix + spec.name()).partitions(spec.partitions());
		if (spec.compacted()) {
			return builder.compact().build();
		}
		return builder.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis())).build();
	}

}
