package dev.onair.presence.system;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;

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
 * The topics presence-service touches (created at start-up; the broker does not
 * auto-create) and what happens to a record that cannot be applied.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * Retries of a failing batch (Redis trouble) span about a minute; a batch given up on
	 * goes to the dead-letter topic and the gateways' next heartbeats restore the
	 * membership it carried. Unreadable records are dead-lettered by the listener itself.
	 */
	private static final int RETRIES = 15;

	private static final List<String> PRODUCED = List.of(Topics.PRESENCE_VIEWER_COUNTS,
			Topics.deadLetter(Topics.PRESENCE_SESSIONS));

	@Bean
	KafkaAdmin.NewTopics presenceTopics(@Value("${onair.kafka.prefix:}") String prefix) {
		return new KafkaAdmin.NewTopics(topic(prefix, Topics.PRESENCE_SESSIONS),
				topic(prefix, Topics.deadLetter(Topics.PRESENCE_SESSIONS)),
				topic(prefix, Topics.PRESENCE_VIEWER_COUNTS));
	}

	/**
	 * Fetches the metadata of every topic this instance produces before it reports ready.
	 * Otherwise the first send to a topic waits for it on the sending thread: the one
	 * {@code viewer-counts} thread that serves every room, or a listener thread for a
	 * dead letter. Without Kafka the instance does not start.
	 */
	@Bean
	ApplicationRunner producerMetadata(KafkaTemplate<String, String> template,
			@Value("${onair.kafka.prefix:}") String prefix) {
		return (args) -> PRODUCED.forEach((topic) -> template.partitionsFor(prefix + topic));
	}

	@Bean
	DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaTemplate<String, String> template) {
		// Dead-letter topics have one partition: let the producer pick it.
		return new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer recoverer) {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(RETRIES);
		backOff.setInitialInterval(200);
		backOff.setMultiplier(2);
		backOff.setMaxInterval(Duration.ofSeconds(5).toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		return handler;
	}

	private static org.apache.kafka.clients.admin.NewTopic topic(String prefix, String name) {
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
