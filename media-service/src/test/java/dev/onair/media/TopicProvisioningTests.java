package dev.onair.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bindings in application.yml create topics (media-service may be the first to start
 * on a fresh cluster) exactly as the contract lays them out, and dead-letter where every
 * service does; publisher events go to the contract's topic.
 */
class TopicProvisioningTests {

	private static final String PREFIX = "${onair.kafka.prefix:}";

	private final Map<String, Object> config = applicationYml();

	@ParameterizedTest
	@CsvSource({ "signalsToMedia-in-0, signal.to-media", "broadcastStates-in-0, broadcast.state" })
	void eachInputBindingProvisionsItsTopicAndDeadLetterTopicAsTheContractSays(String binding, String topic) {
		TopicSpec spec = Topics.spec(topic);
		Map<String, Object> common = at(this.config, "spring.cloud.stream.bindings." + binding);
		assertThat(common.get("destination")).isEqualTo(PREFIX + topic);
		assertThat(common.get("group")).isEqualTo(PREFIX + "${spring.application.name}");
		// The binder creates instance-count x concurrency partitions.
		int instances = at(common, "consumer.instance-count");
		int concurrency = at(common, "consumer.concurrency");
		assertThat(instances * concurrency).as("partitions of a topic the binding creates")
			.isEqualTo(spec.partitions());
		Map<String, Object> consumer = at(this.config, "spring.cloud.stream.kafka.bindings." + binding + ".consumer");
		assertTopic(at(consumer, "topic.properties"), spec);
		assertThat(consumer.get("enable-dlq")).isEqualTo(true);
		TopicSpec deadLetters = Topics.spec(Topics.deadLetter(topic));
		assertThat(consumer.get("dlq-name")).isEqualTo(PREFIX + deadLetters.name());
		assertThat(consumer.get("dlq-partitions")).isEqualTo(deadLetters.partitions());
		assertTopic(at(consumer, "dlq-producer-properties.topic.properties"), deadLetters);
	}

	@ParameterizedTest
	@CsvSource({ "signalsToClients-out-0, signal.to-clients", "signalsToMedia-out-0, signal.to-media" })
	void eachOutputBindingProvisionsItsTopicAsTheContractSays(String binding, String topic) {
		TopicSpec spec = Topics.spec(topic);
		Map<String, Object> common = at(this.config, "spring.cloud.stream.bindings." + binding);
		assertThat(common.get("destination")).isEqualTo(PREFIX + topic);
		assertThat((Object) at(common, "producer.partition-count")).isEqualTo(spec.partitions());
		assertTopic(at(this.config, "spring.cloud.stream.kafka.bindings." + binding + ".producer.topic.properties"),
				spec);
	}

	@Test
	void everyTopicGetsTheConfiguredReplicationFactorAndNoMorePartitionsThanItsSpec() {
		Map<String, Object> binder = at(this.config, "spring.cloud.stream.kafka.binder");
		assertThat(binder.get("replication-factor")).isEqualTo("${KAFKA_REPLICATION_FACTOR:-1}");
		assertThat(binder).as("min-partition-count would apply to the one-partition dead-letter topics too")
			.doesNotContainKey("min-partition-count");
	}

	@Test
	void publisherEventsGoToTheContractsTopic() {
		assertThat((Object) at(this.config, "onair.media.publisher-events-topic"))
			.isEqualTo(PREFIX + Topics.MEDIA_PUBLISHER_EVENTS);
	}

	private static void assertTopic(Map<String, Object> properties, TopicSpec spec) {
		assertThat(properties.get("cleanup.policy")).as("cleanup.policy of %s", spec.name())
			.isEqualTo(spec.cleanupPolicy());
		if (!spec.compacted()) {
			assertThat(((Number) properties.get("retention.ms")).longValue()).as("retention.ms of %s", spec.name())
				.isEqualTo(spec.retention().toMillis());
		}
	}

	/** The value at a dotted path. */
	@SuppressWarnings("unchecked")
	private static <T> T at(Map<String, Object> config, String path) {
		Object node = config;
		for (String key : path.split("\\.")) {
			node = ((Map<String, Object>) node).get(key);
		}
		return (T) node;
	}

	private static Map<String, Object> applicationYml() {
		try (InputStream in = TopicProvisioningTests.class.getResourceAsStream("/application.yml")) {
			return new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
