package dev.onair.systemtest.deploy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PrometheusRule, read as structure: every alert has a severity, a summary naming
 * what it is about and a runbook section that exists; the broker-side alerts read
 * kafka-exporter's metrics, which the Kafka resource enables and a PodMonitor scrapes;
 * each required consumer group and each dead-letter topic is covered. And evaluated: the
 * broker-side alerts fire (and stay quiet) on kafka-exporter series in {@code promtool}'s
 * rule unit tests ({@code alerts/broker-lag-tests.yml}; Debian's {@code prometheus}
 * package, which {@code ./onair} installs).
 */
class AlertRulesTests {

	private static final Manifests MANIFESTS = Manifests.build("prod");

	private static final Map<String, Map<String, Object>> ALERTS = alerts();

	@Test
	void everyAlertHasASeveritySummaryAndARunbookSectionThatExists() {
		String operations = Repository.read(Repository.ROOT.resolve("docs/operations.md"));
		assertThat(ALERTS).isNotEmpty();
		ALERTS.forEach((name, rule) -> {
			assertThat(rule.get("expr")).as(name + " expr").asString().isNotBlank();
			assertThat(Repository.at(rule, "labels.severity")).as(name + " severity").isIn("warning", "critical");
			assertThat(Repository.at(rule, "annotations.summary")).as(name + " summary").asString().isNotBlank();
			assertThat(Repository.at(rule, "annotations.runbook")).as(name + " runbook")
				.isEqualTo("docs/operations.md#" + name.toLowerCase());
			assertThat(operations).as("docs/operations.md has a section for " + name)
				.containsPattern("(?m)^### " + name + "$");
		});
	}

	@Test
	void lagIsWatchedFromTheBrokerPerGroupAndTopic() {
		Map<String, Object> kafka = MANIFESTS.raw("Kafka").get(0);
		assertThat(Repository.at(kafka, "spec.kafkaExporter.groupRegex")).isEqualTo(".*");
		assertThat(Repository.at(kafka, "spec.kafkaExporter.topicRegex")).isEqualTo(".*");
		assertThat(MANIFESTS.raw("PodMonitor")).as("a PodMonitor scrapes kafka-exporter")
			.anySatisfy((monitor) -> assertThat(Repository.at(monitor, "spec.selector.matchLabels"))
				.isEqualTo(Map.of("strimzi.io/name", "onair-kafka-exporter")));

		String growing = expr("OnAirConsumerGroupLagGrowing");
		assertThat(growing).contains("sum by (namespace, consumergroup, topic) (kafka_consumergroup_lag)")
			.contains("delta(kafka_consumergroup_lag[");
		assertThat(summary("OnAirConsumerGroupLagGrowing")).contains("$labels.consumergroup", "$labels.topic");

		// Stuck: records waiting and no committed offset moved.
		String stuck = expr("OnAirConsumerGroupStuck");
		assertThat(stuck).contains("sum by (namespace, consumergroup, topic) (kafka_consumergroup_lag) > 0")
			.contains("changes(kafka_consumergroup_current_offset[");
		assertThat(summary("OnAirConsumerGroupStuck")).contains("$labels.consumergroup", "$labels.topic");
		assertThat(Repository.at(ALERTS.get("OnAirConsumerGroupStuck"), "labels.severity")).isEqualTo("critical");

		// Only abandoned per-instance groups (a replaced gateway's) are left out, by
		// name.
		for (String rule : List.of(growing, stuck)) {
			Matcher left = Pattern.compile(
					"unless on \\(namespace, consumergroup\\) \\(kafka_consumergroup_members\\{consumergroup=~\"([^\"]+)\"} == 0\\)$")
				.matcher(rule);
			assertThat(left.find()).as("left out: groups without members, by name, in " + rule).isTrue();
			for (ServiceModule module : ServiceModule.all()) {
				assertThat((module.name() + "-" + "instance-chat").matches(left.group(1)))
					.as(module.name() + " per-instance groups left out")
					.isEqualTo(module.fansOut());
				assertThat(module.name().matches(left.group(1))).as(module.name() + " group left out").isFalse();
			}
		}
	}

	@Test
	void everyServicesOwnConsumerGroupIsExpected() {
		String missing = expr("OnAirConsumerGroupMissing");
		assertThat(missing).contains("unless on (consumergroup) (kafka_consumergroup_members > 0)");
		Pattern expected = Pattern
			.compile("label_replace\\(vector\\(1\\), \"consumergroup\", \"([a-z-]+)\", \"\", \"\"\\)");
		List<String> listed = expected.matcher(missing).results().map((match) -> match.group(1)).toList();
		// Services that subscribe in their own group, with a listener or a binding; one
		// that assigns partitions itself (search-service) never has members.
		List<String> groups = ServiceModule.all()
			.stream()
			.filter((module) -> module.subscribesInOwnGroup() || listeners(module.source()).stream()
				.anyMatch((listener) -> listener.contains(ServiceModule.OWN_GROUP) && listener.contains("topics =")))
			.map(ServiceModule::name)
			.toList();
		assertThat(groups).isNotEmpty();
		assertThat(listed).as("groups OnAirConsumerGroupMissing expects").containsExactlyInAnyOrderElementsOf(groups);
	}

	@Test
	void everyDeadLetterTopicAlertsOnItsOwn() {
		String expr = expr("OnAirDeadLetters");
		assertThat(expr).startsWith("sum by (namespace, topic) (delta(kafka_topic_partition_current_offset{");
		Matcher matcher = Pattern.compile("topic=~\"([^\"]+)\"").matcher(expr);
		assertThat(matcher.find()).as("a topic regex").isTrue();
		// PromQL anchors its regular expressions at both ends, as String.matches does.
		String regex = matcher.group(1);
		for (TopicSpec spec : Topics.ALL) {
			assertThat(spec.name().matches(regex)).as(spec.name() + " matches " + regex)
				.isEqualTo(spec.name().endsWith(".dlt"));
		}
		assertThat(summary("OnAirDeadLetters")).contains("$labels.topic");
	}

	@Test
	void anOutboxThatDoesNotDrainAlerts() {
		assertThat(expr("OnAirOutboxBacklog")).contains("onair_outbox_backlog");
		assertThat(ALERTS.get("OnAirOutboxBacklog")).containsKey("for");
	}

	@Test
	void aWedgedGroupFiresTheStuckAlertAndAnAbandonedGatewayGroupDoesNot(@TempDir Path dir) throws Exception {
		List<Object> groups = new ArrayList<>();
		MANIFESTS.raw("PrometheusRule")
			.forEach((rule) -> groups.addAll(Kustomize.list(Repository.at(rule, "spec.groups"))));
		Files.writeString(dir.resolve("onair-alerts.yml"), new Yaml().dump(Map.of("groups", groups)));
		try (InputStream tests = AlertRulesTests.class.getResourceAsStream("/alerts/broker-lag-tests.yml")) {
			Files.copy(tests, dir.resolve("broker-lag-tests.yml"));
		}
		Process promtool = new ProcessBuilder("promtool", "test", "rules", "broker-lag-tests.yml")
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(promtool.waitFor()).as(output).isZero();
		assertThat(output).contains("SUCCESS");
	}

	private static String expr(String alert) {
		assertThat(ALERTS).as("alert " + alert).containsKey(alert);
		return ALERTS.get(alert).get("expr").toString().replaceAll("\\s+", " ").strip();
	}

	private static String summary(String alert) {
		return Repository.at(ALERTS.get(alert), "annotations.summary").toString();
	}

	/**
	 * The text of each {@code @KafkaListener(...)} annotation, up to the method it marks.
	 */
	private static List<String> listeners(String source) {
		return Pattern.compile("@KafkaListener\\((.*?)\\n\\t(?!\\t)", Pattern.DOTALL)
			.matcher(source)
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

	private static Map<String, Map<String, Object>> alerts() {
		Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
		for (Map<String, Object> rule : MANIFESTS.raw("PrometheusRule")) {
			for (Object group : Kustomize.list(Repository.at(rule, "spec.groups"))) {
				for (Object entry : Kustomize.list(Kustomize.map(group).get("rules"))) {
					Map<String, Object> alert = Kustomize.map(entry);
					if (alert.containsKey("alert")) {
						assertThat(alerts.put(alert.get("alert").toString(), alert)).as("alert names are unique")
							.isNull();
					}
				}
			}
		}
		return alerts;
	}

}
