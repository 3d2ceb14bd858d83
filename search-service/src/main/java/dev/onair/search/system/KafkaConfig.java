package dev.onair.search.system;

import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
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
import org.springframework.util.backoff.FixedBackOff;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import dev.onair.search.ingest.InvalidRecordException;

/**
 * Kafka wiring: the topics search-service reads (created if missing, from the contract's
 * layout) and what happens to a record that cannot be indexed.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

	private static final long RETRY_INTERVAL_MILLIS = 200;

	private static final long RETRIES = 2;

	/** search-service produces only dead letters. */
	private static final List<String> PRODUCED = List.of(Topics.deadLetter(Topics.BROADCAST_STATE),
			Topics.deadLetter(Topics.PRESENCE_VIEWER_COUNTS));

	@Bean
	KafkaAdmin.NewTopics searchTopics(@Value("${onair.kafka.prefix:}") String prefix) {
		return new KafkaAdmin.NewTopics(Stream.of(Topics.BROADCAST_STATE, Topics.PRESENCE_VIEWER_COUNTS)
			.flatMap((topic) -> Stream.of(topic, Topics.deadLetter(topic)))
			.map(Topics::spec)
			.map((spec) -> newTopic(prefix, spec))
			.toArray(NewTopic[]::new));
	}

	/**
	 * Fetches the metadata of every topic this instance produces before it reports ready,
	 * so the first dead letter does not wait for it on a listener thread. Like catching
	 * up ({@code CatchUp}), it needs Kafka to start.
	 */
	@Bean
	ApplicationRunner producerMetadata(KafkaTemplate<Object, Object> template,
			@Value("${onair.kafka.prefix:}") String prefix) {
		return (args) -> PRODUCED.forEach((topic) -> template.partitionsFor(prefix + topic));
	}

	/**
	 * Unreadable or invalid records go to the topic's dead-letter sibling at once, other
	 * failures after two retries; the consumer then carries on with the next record.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
				new FixedBackOff(RETRY_INTERVAL_MILLIS, RETRIES));
		handler.addNotRetryableExceptions(JacksonException.class, InvalidRecordException.class);
		return handler;
	}

	private static NewTopic newTopic(String prefix, TopicSpec spec) {
		TopicBuilder builder = TopicBuilder.name(prefix + spec.name())
			.partitions(spec.partitions())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy());
		if (!spec.compacted()) {
			builder.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
		}
		return builder.build();
	}

}
