package dev.onair.gateway.system;

import java.util.Properties;
import java.util.stream.Stream;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bindings in application.yml create topics (a gateway may be the first to start on a
 * fresh cluster) exactly as the contract lays them out, and dead-letter where every
 * service does; fan-out bindings read in groups of this instance's own, and are the ones
 * readiness waits for; the topics reached outside the bindings are the contract's.
 */
class TopicProvisioningTests {

	private static final String PREFIX = "${onair.kafka.prefix:}";

	private final Properties config = applicationYml();

	@ParameterizedTest
	@CsvSource({ "chatMessages-in-0, chat.messages", "signalToClients-in-0, signal.to-clients",
			"viewerCounts-in-0, presence.viewer-counts", "gatewayCanary-in-0, gateway.canary",
			"publisherEvents-in-0, media.publisher-events" })
	void theBindingProvisionsItsTopicAsTheContractSays(String binding, String topic) {
		TopicSpec spec = Topics.spec(topic);
		String common = "spring.cloud.stream.bindings." + binding;
		assertThat(get(common + ".destination")).isEqualTo(PREFIX + topic);
		assertThat(get(common + ".consumer.instance-count")).as("partitions of a topic the binding creates")
			.isEqualTo(String.valueOf(spec.partitions()));
		String kafka = "spring.cloud.stream.kafka.bindings." + binding + ".consumer";
		assertTopic(kafka + ".topic.properties", spec);
		assertThat(get(kafka + ".enable-dlq")).isEqualTo("true");
		TopicSpec deadLetters = Topics.spec(Topics.deadLetter(topic));
		assertThat(get(kafka + ".dlq-name")).isEqualTo(PREFIX + deadLetters.name());
		assertThat(get(kafka + ".dlq-partitions")).isEqualTo(String.valueOf(deadLetters.partitions()));
		assertTopic(kafka + ".dlq-producer-properties.topic.properties", deadLetters);
	}

	@Test
	void fanOutBindingsReadInGroupsOfThisInstancesOwnFromTheLatestOffset() {
		assertThat(get("onair.kafka.instance-groups"))
			.isEqualTo(PREFIX + "${spring.application.name}-${onair.gateway.id}");
		for (String binding : FanOutHealth.FAN_OUT) {
			assertThat(get("spring.cloud.stream.bindings." + binding + ".group"))
				.startsWith("${onair.kafka.instance-groups}-");
			assertThat(get("spring.cloud.stream.kafka.bindings." + binding + ".consumer.start-offset"))
				.isEqualTo("latest");
		}
	}

	@Test
	void readinessWaitsForEveryBindingButTheSharedOne() {
		assertThat(this.config.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("spring.cloud.stream.bindings.") && name.endsWith(".group"))
			.map((name) -> name.split("\\.")[4])).containsExactlyInAnyOrderElementsOf(
					Stream.concat(FanOutHealth.FAN_OUT.stream(), Stream.of("publisherEvents-in-0")).toList());
		assertThat(get("spring.cloud.stream.bindings.publisherEvents-in-0.group"))
			.isEqualTo(PREFIX + "${spring.application.name}");
		assertThat(get("spring.cloud.stream.kafka.bindings.publisherEvents-in-0.consumer.start-offset"))
			.isEqualTo("earliest");
	}

	@Test
	void everyTopicGetsTheConfiguredReplicationFactorAndNoMorePartitionsThanItsSpec() {
		assertThat(get("spring.cloud.stream.kafka.binder.replication-factor"))
			.isEqualTo("${KAFKA_REPLICATION_FACTOR:-1}");
		assertThat(get("spring.cloud.stream.kafka.binder.min-partition-count"))
			.as("min-partition-count would apply to the one-partition dead-letter topics too")
			.isNull();
	}

	@Test
	void topicsReachedOutsideTheBindingsAreTheContractsWithThePrefix() {
		String entries = "onair.kafka.topics[";
		assertThat(this.config.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith(entries))
			.map((name) -> name.substring(entries.length(), name.length() - 1))).isNotEmpty().allSatisfy((topic) -> {
				assertThat(Topics.spec(topic).name()).isEqualTo(topic);
				assertThat(get(entries + topic + "]")).isEqualTo(PREFIX + topic);
			});
	}

	private void assertTopic(String properties, TopicSpec spec) {
		assertThat(get(properties + ".cleanup.policy")).as("cleanup.policy of %s", spec.name())
			.isEqualTo(spec.cleanupPolicy());
		if (!spec.compacted()) {
			assertThat(get(properties + ".retention.ms")).as("retention.ms of %s", spec.name())
				.isEqualTo(String.valueOf(spec.retention().toMillis()));
		}
	}

	private String get(String name) {
		return this.config.getProperty(name);
	}

	private static Properties applicationYml() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		return yaml.getObject();
	}

}
