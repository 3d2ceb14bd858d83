package dev.onair.gateway.system;

import java.util.stream.Stream;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import dev.onair.gateway.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.core.JacksonException;

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
 * Kafka beyond the bindings of application.yml, for what no binding covers: the topics
 * this instance only produces to, and the two compacted topics {@code Broadcasts} and
 * {@code Sanctions} read whole with spring-kafka listeners (docs/development.md,
 * "Departures"), with the dead-letter topics and error handling of those listeners.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * Created at start-up as the contract lays them out, with the replication factor the
	 * bindings' topics get (the broker does not auto-create).
	 */
	@Bean
	KafkaAdmin.NewTopics gatewayTopics(KafkaTopics topics,
			@Value("${spring.cloud.stream.kafka.binder.replication-factor}") short replicationFactor) {
		Stream<NewTopic> produced = Stream.of(Topics.SIGNAL_TO_MEDIA, Topics.PRESENCE_SESSIONS)
			.map((topic) -> newTopic(topics.name(topic), Topics.spec(topic), replicationFactor));
		Stream<NewTopic> readWhole = Stream.of(Topics.BROADCAST_STATE, Topics.MODERATION_SANCTIONS)
			.flatMap((topic) -> Stream.of(newTopic(topics.name(topic), Topics.spec(topic), replicationFactor), newTopic(
					Topics.deadLetter(topics.name(topic)), Topics.spec(Topics.deadLetter(topic)), replicationFactor)));
		return new KafkaAdmin.NewTopics(Stream.concat(produced, readWhole).toArray(NewTopic[]::new));
	}

	private static NewTopic newTopic(String name, TopicSpec spec, short replicationFactor) {
		TopicBuilder builder = TopicBuilder.name(name).partitions(spec.partitions()).configs(spec.configs());
		if (replicationFactor > 0) {
			builder.replicas(replicationFactor);
		}
		return builder.build();
	}

	/**
	 * The spring-kafka listeners' records: an unreadable one goes to {@code <topic>.dlt}
	 * (one partition; the topic name already carries the prefix) at once, one that fails
	 * otherwise after two retries, and the consumer moves on.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), 0));
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(100, 2));
		handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
		return handler;
	}

}
