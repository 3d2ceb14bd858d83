package dev.onair.media.system;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka beyond the bindings of application.yml: the topic of the one
 * {@link KafkaTemplate} send (publisher lifecycle events; {@code Replies} says why they
 * are not a binding), which no binding provisions, and its metadata
 * ({@link ProducerWarmUp}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	ProducerWarmUp producerWarmUp(KafkaTemplate<String, String> kafka,
			@Value("${onair.media.publisher-events-topic}") String publisherEvents) {
		return new ProducerWarmUp(kafka, publisherEvents);
	}

	/**
	 * {@code media.publisher-events} as the contract lays it out, with the replication
	 * factor the bindings' topics get (the broker does not auto-create).
	 */
	@Bean
	KafkaAdmin.NewTopics publisherEventsTopic(@Value("${onair.media.publisher-events-topic}") String topic,
			@Value("${spring.cloud.stream.kafka.binder.replication-factor}") short replicationFactor) {
		TopicSpec spec = Topics.spec(Topics.MEDIA_PUBLISHER_EVENTS);
		TopicBuilder builder = TopicBuilder.name(topic).partitions(spec.partitions()).configs(spec.configs());
		if (replicationFactor > 0) {
			builder.replicas(replicationFactor);
		}
		return new KafkaAdmin.NewTopics(builder.build());
	}

}
