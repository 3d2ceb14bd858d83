package dev.onair.gateway.kafka;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The names on Kafka of the topics this instance reaches outside its bindings
 * ({@code onair.kafka.topics} in application.yml, which adds the deployment's prefix).
 *
 * @param topics the name on Kafka of each topic, by its name in the contract
 * ({@code Topics})
 */
@ConfigurationProperties("onair.kafka")
public record KafkaTopics(Map<String, String> topics) {

	/** The name on Kafka of the contract's {@code topic}. */
	public String name(String topic) {
		String name = this.topics.get(topic);
		if (name == null) {
			throw new IllegalArgumentException("No onair.kafka.topics entry for " + topic);
		}
		return name;
	}

}
