package dev.onair.media.system;

import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import tools.jackson.core.JacksonException;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import dev.onair.media.replies.Replies;
import dev.onair.media.signal.InvalidSignalException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The topics media-service touches (created at start-up; the broker does not
 * auto-create), the producer's metadata of those it produces to, and what happens to a
 * record that cannot be handled.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	KafkaAdmin.NewTopics mediaTopics(@Value("${onair.kafka.prefix:}") String prefix) {
		return new KafkaAdmin.NewTopics(Stream
			.of(Topics.SIGNAL_TO_MEDIA, Topics.SIGNAL_TO_CLIENTS, Topics.MEDIA_PUBLISHER_EVENTS, Topics.BROADCAST_STATE)
			.flatMap((name) -> Stream.of(name, Topics.deadLetter(name)))
			.map((name) -> topic(prefix, name))
			.toArray(NewTopic[]::new));
	}

	/** Replies' topics and the dead letters of what this service consumes. */
	@Bean
	ProducerWarmUp producerWarmUp(KafkaTemplate<String, String> template, Replies replies,
			@Value("${onair.kafka.prefix:}") String prefix) {
		Stream<String> deadLetters = Stream.of(Topics.SIGNAL_TO_MEDIA, Topics.BROADCAST_STATE)
			.map((name) -> prefix + Topics.deadLetter(name));
		List<String> produced = Stream.concat(replies.topics().stream(), deadLetters).toList();
		return new ProducerWarmUp(template, produced);
	}

	/**
	 * Signals are answered, not retried: a failure has already been reported to the
	 * client. What remains (Redis trouble) is retried briefly, then dead-lettered.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 4));
		handler.addNotRetryableExceptions(InvalidSignalException.class, JacksonException.class);
		return handler;
	}

	private static NewTopic topic(String prefix, String name) {
		TopicSpec spec = Topics.spec(name);
		TopicBuilder builder = TopicBuilder.name(prefix + name)
			.partitions(spec.partitions())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy());
		if (!spec.compacted()) {
			builder.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
		}
		return builder.build();
	}

}
