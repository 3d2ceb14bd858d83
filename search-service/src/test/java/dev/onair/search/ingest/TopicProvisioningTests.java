package dev.onair.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bindings in application.yml create topics (search-service may be the first to start
 * on a fresh cluster) exactly as the contract lays them out, and dead-letter where every
 * service does.
 */
class TopicProvisioningTests {

	private static final String PREFIX = "${onair.kafka.prefix:}";

	@ParameterizedTest
	@CsvSource({ "broadcastState-in-0, broadcast.state", "viewerCounts-in-0, presence.viewer-counts" })
	void theBindingProvisionsItsTopicAsTheContractSays(String binding, String topic) throws IOException {
		Map<String, Object> config = applicationYml();
		TopicSpec spec = Topics.spec(topic);
		assertThat((Object) at(config, "spring.cloud.stream.bindings." + binding + ".destination"))
			.isEqualTo(PREFIX + topic);
		assertThat((Object) at(config, "spring.cloud.stream.kafka.binder.min-partition-count"))
			.isEqualTo(spec.partitions());
		Map<String, Object> consumer = at(config, "spring.cloud.stream.kafka.bindings." + binding + ".consumer");
		assertThat((Object) at(consumer, "topic.properties.cleanup\\.policy")).isEqualTo(spec.cleanupPolicy());
		assertThat(consumer.get("dlq-name")).isEqualTo(PREFIX + Topics.deadLetter(topic));
		assertThat(consumer.get("dlq-partitions")).isEqualTo(Topics.spec(Topics.deadLetter(topic)).partitions());
	}

	private static Map<String, Object> applicationYml() throws IOException {
		try (InputStream in = TopicProvisioningTests.class.getResourceAsStream("/application.yml")) {
			return new Yaml().load(in);
		}
	}

	/** The value at a dotted path; {@code \.} is a dot inside a key. */
	@SuppressWarnings("unchecked")
	private static <T> T at(Map<String, Object> config, String path) {
		Object node = config;
		for (String key : path.split("(?<!\\\\)\\.")) {
			node = ((Map<String, Object>) node).get(key.replace("\\.", "."));
		}
		return (T) node;
	}

}
