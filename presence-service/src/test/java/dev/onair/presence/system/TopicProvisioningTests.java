package dev.onair.presence.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bindings in application.yml create topics (presence-service may be the first to
 * start on a fresh cluster) exactly as the contract lays them out: partitions, cleanup
 * policy and retention of {@code presence.sessions}, {@code presence.viewer-counts} and
 * {@code presence.sessions.dlt}.
 */
class TopicProvisioningTests {

	private static final String PREFIX = "${onair.kafka.prefix:}";

	private final Map<String, Object> config = applicationYml();

	@Test
	void theSessionsBindingConsumesAsTheGroupAndProvisionsItsTopic() {
		String binding = "spring.cloud.stream.bindings.sessionEvents-in-0";
		TopicSpec spec = Topics.spec(Topics.PRESENCE_SESSIONS);
		assertThat((Object) at(binding + ".destination")).isEqualTo(PREFIX + spec.name());
		assertThat((Object) at(binding + ".group")).isEqualTo(PREFIX + "${spring.application.name}");
		assertThat((Object) at(binding + ".consumer.batch-mode")).isEqualTo(true);
		// Any other content type makes the binder drop, not dead-letter, what it cannot
		// convert.
		assertThat((Object) at(binding + ".content-type")).isEqualTo("application/octet-stream");
		// The binder creates a consumer's topic with instance-count x concurrency
		// partitions.
		assertThat((Object) at(binding + ".consumer.instance-count")).isEqualTo(spec.partitions());
		assertThat((Object) at(binding + ".consumer.concurrency")).isNull();
		assertTopicProperties("spring.cloud.stream.kafka.bindings.sessionEvents-in-0.consumer.topic.properties", spec);
	}

	@Test
	void theOutputBindingsProvisionTheirTopics() {
		assertProduces("viewerCounts-out-0", Topics.spec(Topics.PRESENCE_VIEWER_COUNTS));
		assertProduces("sessionDeadLetters-out-0", Topics.spec(Topics.deadLetter(Topics.PRESENCE_SESSIONS)));
		assertThat((Object) at("spring.cloud.stream.output-bindings"))
			.isEqualTo("viewerCounts-out-0;sessionDeadLetters-out-0");
	}

	@Test
	void noBinderWidePartitionCountOverridesTheTopicsOwn() {
		// min-partition-count applies to every topic the binder creates, the
		// one-partition
		// dead-letter topic included.
		assertThat((Object) at("spring.cloud.stream.kafka.binder.min-partition-count")).isNull();
		assertThat((Object) at("spring.cloud.stream.kafka.binder.replication-factor"))
			.isEqualTo("${KAFKA_REPLICATION_FACTOR:-1}");
	}

	private void assertProduces(String binding, TopicSpec spec) {
		assertThat((Object) at("spring.cloud.stream.bindings." + binding + ".destination"))
			.isEqualTo(PREFIX + spec.name());
		assertThat((Object) at("spring.cloud.stream.bindings." + binding + ".producer.partition-count"))
			.isEqualTo(spec.partitions());
		assertTopicProperties("spring.cloud.stream.kafka.bindings." + binding + ".producer.topic.properties", spec);
	}

	private void assertTopicProperties(String path, TopicSpec spec) {
		Map<String, Object> properties = at(path);
		assertThat(properties.get("cleanup.policy")).as(path).isEqualTo(spec.cleanupPolicy());
		if (spec.compacted()) {
			assertThat(properties).as(path).doesNotContainKey("retention.ms");
		}
		else {
			assertThat(properties.get("retention.ms")).as(path).isEqualTo((int) spec.retention().toMillis());
		}
	}

	private static Map<String, Object> applicationYml() {
		try (InputStream in = TopicProvisioningTests.class.getResourceAsStream("/application.yml")) {
			return new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The value at a dotted path whose keys hold no dots themselves. */
	@SuppressWarnings("unchecked")
	private <T> T at(String path) {
		Object node = this.config;
		for (String key : path.split("\\.")) {
			node = (node != null) ? ((Map<String, Object>) node).get(key) : null;
		}
		return (T) node;
	}

}
