package dev.onair.broadcast;

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
 * The bindings in application.yml create topics (broadcast-service may be the first to
 * start on a fresh cluster) exactly as the contract lays them out, and dead-letter where
 * every service does; the outbox writes to the contract's topic.
 */
class TopicProvisioningTests {

	private static final String PREFIX = "${onair.kafka.prefix:}";

	private final Map<String, Object> config = applicationYml();

	@ParameterizedTest
	@CsvSource({ "publisherEvents-in-0, media.publisher-events", "viewerCounts-in-0, presence.viewer-counts" })
	void theBindingProvisionsItsTopicAsTheContractSays(String binding, String topic) {
		TopicSpec spec = Topics.spec(topic);
		Map<String, Object> common = at("spring.cloud.stream.bindings." + binding);
		assertThat(common.get("destination")).isEqualTo(PREFIX + topic);
		assertThat(common.get("group")).isEqualTo(PREFIX + "${spring.application.name}");
		assertThat((Object) at(common, "consumer.instance-count")).as("partitions of a topic the binding creates")
			.isEqualTo(spec.partitions());
		Map<String, Object> consumer = at("spring.cloud.stream.kafka.bindings." + binding + ".consumer");
		assertTopic(at(consumer, "topic.properties"), spec);
		assertThat(consumer.get("enable-dlq")).isEqualTo(true);
		TopicSpec deadLetters = Topics.spec(Topics.deadLetter(topic));
		assertThat(consumer.get("dlq-name")).isEqualTo(PREFIX + deadLetters.name());
		assertThat(consumer.get("dlq-partitions")).isEqualTo(deadLetters.partitions());
		assertTopic(at(consumer, "dlq-producer-properties.topic.properties"), deadLetters);
	}

	@Test
	void everyTopicGetsTheConfiguredReplicationFactorAndNoMorePartitionsThanItsSpec() {
		Map<String, Object> binder = at("spring.cloud.stream.kafka.binder");
		assertThat(binder.get("replication-factor")).isEqualTo("${KAFKA_REPLICATION_FACTOR:-1}");
		assertThat(binder).as("min-partition-count would apply to the one-partition dead-letter topics too")
			.doesNotContainKey("min-partition-count");
	}

	@Test
	void theOutboxWritesToTheContractsTopic() {
		assertThat((Object) at("onair.outbox.topic")).isEqualTo(PREFIX + Topics.BROADCAST_STATE);
	}

	private static void assertTopic(Map<String, Object> properties, TopicSpec spec) {
		assertThat(properties.get("cleanup.policy")).as("cleanup.policy of %s", spec.name())
			.isEqualTo(spec.cleanupPolicy());
		if (!spec.compacted()) {
			assertThat(((Number) properties.get("retention.ms")).longValue()).as("retention.ms of %s", spec.name())
				.isEqualTo(spec.retention().toMillis());
		}
	}

	private <T> T at(String path) {
		return at(this.config, path);
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
