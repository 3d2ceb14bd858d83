package dev.onair.gateway.system;

import java.util.stream.Stream;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Topics this service touches (created at start-up, the broker does not auto-create),
 * dead-lettering of unreadable records, and the names of this instance's fan-out groups.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	KafkaAdmin.NewTopics gatewayTopics(@Value("${onair.kafka.prefix:}") String prefix) {
		return new KafkaAdmin.NewTopics(Stream
			.of(Topics.SIGNAL_TO_MEDIA, Topics.SIGNAL_TO_CLIENTS, Topics.CHAT_MESSAGES, Topics.MODERATION_SANCTIONS,
					Topics.PRESENCE_SESSIONS, Topics.PRESENCE_VIEWER_COUNTS, Topics.GATEWAY_CANARY,
					Topics.BROADCAST_STATE, Topics.MEDIA_PUBLISHER_EVENTS)
			.flatMap((name) -> Stream.of(name, Topics.deadLetter(name)))
			.map(Topics::spec)
			.map((spec) -> newTopic(prefix, spec))
			.toArray(NewTopic[]::new));
	}

	private static NewTopic newTopic(String prefix, TopicSpec spec) {
		TopicBuilder builder = TopicBuilder.name(prefix + spec.name())
			.partitions(spec.partitions())
			.replicas(1)
			.config("cleanup.policy", spec.cleanupPolicy());
		if (!spec.compacted()) {
			builder.config("retention.ms", String.valueOf(spec.retention().toMillis()));
		}
		return builder.build();
	}

	/**
	 * A record that still fails after two retries goes to {@code <topic>.dlt} (the topic
	 * name already carries the prefix) and the consumer moves on.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), 0));
		return new DefaultErrorHandler(recoverer, new FixedBackOff(100, 2));
	}

	@Bean
	FanOut fanOut(@Value("${onair.kafka.prefix:}") String prefix,
			@Value("${spring.application.name}") String application, GatewayProperties properties) {
		return new FanOut(prefix + application + "-" + properties.id());
	}

}
