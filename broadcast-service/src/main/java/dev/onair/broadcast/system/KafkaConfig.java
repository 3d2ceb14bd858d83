package dev.onair.broadcast.system;

import java.time.Duration;
import java.util.stream.Stream;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka beyond the bindings of application.yml: how failed records are retried and
 * dead-lettered ({@link ListenerRetry}), and the outbox's topic, which no binding
 * provisions because the outbox sends with {@link KafkaTemplate} (it needs each send's
 * acknowledgement; {@code OutboxRelay} says why).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

	private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

	@Bean
	ListenerRetry listenerRetry(KafkaTemplate<String, String> kafka, MeterRegistry registry,
			@Value("${onair.kafka.listener-retry-window}") Duration window) {
		return new ListenerRetry(kafka, registry, window);
	}

	/**
	 * The outbox's topic as the contract lays it out, with the replication factor the
	 * bindings' topics get (the broker does not auto-create).
	 */
	@Bean
	KafkaAdmin.NewTopics outboxTopic(@Value("${onair.outbox.topic}") String topic,
			@Value("${spring.cloud.stream.kafka.binder.replication-factor}") short replicationFactor) {
		TopicSpec spec = Topics.spec(Topics.BROADCAST_STATE);
		TopicBuilder builder = TopicBuilder.name(topic).partitions(spec.partitions()).configs(spec.configs());
		if (replicationFactor > 0) {
			builder.replicas(replicationFactor);
		}
		return new KafkaAdmin.NewTopics(builder.build());
	}

	/**
	 * Fetches the metadata of every topic the producer writes (the outbox's and the
	 * bindings' dead-letter topics, which bindings configure before this runs) before the
	 * instance reports ready, so neither the first relay round nor the first dead letter
	 * waits for it. Kafka away at start-up is not fatal: the API keeps working and the
	 * outbox holds the snapshots until it is back.
	 */
	@Bean
	ApplicationRunner producerMetadata(KafkaTemplate<String, String> kafka, ListenerRetry listenerRetry,
			@Value("${onair.outbox.topic}") String outboxTopic) {
		return (args) -> {
			try {
				Stream.concat(Stream.of(outboxTopic), listenerRetry.deadLetterTopics().stream())
					.forEach(kafka::partitionsFor);
			}
			catch (KafkaException ex) {
				log.warn("No Kafka metadata at start-up; the first sends fetch it: {}", ex.toString());
			}
		};
	}

}
