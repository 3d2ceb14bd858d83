package dev.onair.systemtest.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka with SCRAM and ACLs: one KafkaUser per service, whose ACLs are exactly what its
 * code uses. Read = the topics its listeners or input bindings name, and its consumer
 * groups; Write = the topics the contract says it owns plus the dead-letter siblings of
 * what it reads; anything else at most Describe. The services connect over TLS as their
 * user, with the credentials of the Secret Strimzi makes for it.
 */
class KafkaUsersTests {

	/**
	 * A listener's topic: {@code topics = "${onair.kafka.prefix:}" + Topics.X}, or
	 * {@code topic = "${onair.kafka.topics[" + Topics.X + "]}"} (the prefixed name from
	 * application.yml).
	 */
	private static final Pattern CONSUMED = Pattern.compile("topics?\\s*=\\s*\"\\$\\{onair\\.kafka\\."
			+ "(?:prefix:}\"\\s*\\+\\s*Topics\\.([A-Z_]+)|topics\\[\"\\s*\\+\\s*Topics\\.([A-Z_]+))");

	/** The contract's owner of a topic: {@code Owner: <service>.} before its constant. */
	private static final Pattern OWNER = Pattern
		.compile("Owner:\\s*(?:\\*\\s*)?([a-z-]+)\\.\\s*\\*/\\s*public static final String [A-Z_]+ = \"([^\"]+)\";");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void eachServiceMayReadWhatItConsumesAndWriteWhatItOwnsOrDeadLetters(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Map<String, String> owners = owners();
		for (ServiceModule module : ServiceModule.all()) {
			String source = module.source();
			Set<String> consumed = CONSUMED.matcher(source)
				.results()
				.map((match) -> topic((match.group(1) != null) ? match.group(1) : match.group(2)))
				.collect(Collectors.toCollection(TreeSet::new));
			consumed.addAll(module.boundTopics());
			if (consumed.isEmpty() && !owners.containsValue(module.name())) {
				assertThat(user(manifests, module.name())).as(module.name() + " uses no Kafka and has no KafkaUser")
					.isNull();
				continue;
			}
			Map<String, Object> user = user(manifests, module.name());
			assertThat(user).as("KafkaUser " + module.name()).isNotNull();
			assertThat(Repository.at(user, "spec.authentication.type")).isEqualTo("scram-sha-512");
			assertThat(Repository.at(user, "spec.authorization.type")).isEqualTo("simple");
			Set<String> writes = new TreeSet<>();
			owners.forEach((topic, owner) -> {
				if (owner.equals(module.name())) {
					writes.add(topic);
				}
			});
			consumed.forEach((topic) -> writes.add(Topics.deadLetter(topic)));

			Map<String, Set<String>> topics = acls(user, "topic", "literal");
			assertThat(granted(topics, "Read")).as(module.name() + " reads").isEqualTo(consumed);
			assertThat(granted(topics, "Write")).as(module.name() + " writes").isEqualTo(writes);
			assertThat(topics.keySet()).as(module.name() + " topics are the contract's")
				.isSubsetOf(Topics.ALL.stream().map(TopicSpec::name).toList());
			topics.forEach((topic, operations) -> assertThat(operations).as(module.name() + " on " + topic)
				.isSubsetOf("Read", "Write", "Describe"));

			Map<String, Set<String>> groups = new TreeMap<>();
			if (source.contains(ServiceModule.OWN_GROUP) || module.bindsOwnGroup()) {
				groups.put("literal " + module.name(), Set.of("Read"));
			}
			if (module.fansOut()) {
				groups.put("prefix " + module.name() + "-", Set.of("Read"));
			}
			Map<String, Set<String>> granted = new TreeMap<>();
			acls(user, "group", "literal").forEach((group, ops) -> granted.put("literal " + group, ops));
			acls(user, "group", "prefix").forEach((group, ops) -> granted.put("prefix " + group, ops));
			assertThat(granted).as(module.name() + " consumer groups").isEqualTo(groups);
			assertThat(Kustomize.list(Repository.at(user, "spec.authorization.acls")))
				.as(module.name() + " has ACLs on topics and groups only, never on the cluster")
				.allSatisfy(
						(acl) -> assertThat(Repository.at(Kustomize.map(acl), "resource.type")).isIn("topic", "group"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void servicesConnectOverTlsAsTheirUserWithStrimzisSecret(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Map<String, Object> kafka = manifests.raw("Kafka").get(0);
		Map<String, Object> listener = Kustomize
			.map(Kustomize.list(Repository.at(kafka, "spec.kafka.listeners")).get(0));
		assertThat(listener).containsEntry("tls", true).containsEntry("type", "internal");
		assertThat(Repository.at(listener, "authentication.type")).isEqualTo("scram-sha-512");
		assertThat(Repository.at(kafka, "spec.kafka.authorization.type")).isEqualTo("simple");
		assertThat(Repository.at(kafka, "spec.entityOperator.userOperator")).as("the User Operator runs").isNotNull();
		Map<String, String> config = manifests.one(ConfigMap.class, "onair-config").getData();
		assertThat(config).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "onair-kafka-bootstrap:" + listener.get("port"))
			.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM");
		for (Map<String, Object> user : manifests.raw("KafkaUser")) {
			String name = Repository.at(user, "metadata.name").toString();
			assertThat(Kustomize.map(Repository.at(user, "metadata.labels"))).containsEntry("strimzi.io/cluster",
					"onair");
			if (!ServiceModule.NAMES.contains(name)) {
				assertThat(granted(acls(user, "topic", "literal"), "Write")).as(name + " (not a service) writes")
					.isEmpty();
				continue;
			}
			Map<String, EnvVar> env = manifests.container(name)
				.getEnv()
				.stream()
				.collect(Collectors.toMap(EnvVar::getName, (variable) -> variable));
			var jaas = env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
			assertThat(jaas.getName()).as(name + " logs in as its KafkaUser").isEqualTo(name);
			assertThat(jaas.getKey()).isEqualTo("sasl.jaas.config");
			assertThat(jaas.getOptional()).as(name + " fails fast without it").isNotEqualTo(Boolean.TRUE);
			var ca = env.get("SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_CERTIFICATES").getValueFrom().getSecretKeyRef();
			assertThat(ca.getName()).isEqualTo("onair-cluster-ca-cert");
			assertThat(ca.getKey()).isEqualTo("ca.crt");
		}
	}

	private static Map<String, Object> user(Manifests manifests, String name) {
		return manifests.raw("KafkaUser")
			.stream()
			.filter((user) -> name.equals(Repository.at(user, "metadata.name")))
			.findFirst()
			.orElse(null);
	}

	/** Operations by resource name, for one resource type and pattern type. */
	private static Map<String, Set<String>> acls(Map<String, Object> user, String type, String patternType) {
		Map<String, Set<String>> acls = new TreeMap<>();
		for (Object entry : Kustomize.list(Repository.at(user, "spec.authorization.acls"))) {
			Map<String, Object> acl = Kustomize.map(entry);
			if (type.equals(Repository.at(acl, "resource.type"))
					&& patternType.equals(Repository.at(acl, "resource.patternType"))) {
				acls.computeIfAbsent(Repository.at(acl, "resource.name").toString(), (name) -> new TreeSet<>())
					.addAll(Kustomize.list(acl.get("operations")).stream().map(Object::toString).toList());
			}
		}
		return acls;
	}

	private static Set<String> granted(Map<String, Set<String>> acls, String operation) {
		return acls.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().contains(operation))
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** Topic name by owning service, as the contract's Javadoc states it. */
	private static Map<String, String> owners() {
		String topics = Repository
			.read(Repository.ROOT.resolve("contract/src/main/java/dev/onair/contract/Topics.java"));
		Map<String, String> owners = new TreeMap<>();
		Matcher matcher = OWNER.matcher(topics);
		while (matcher.find()) {
			owners.put(matcher.group(2), matcher.group(1));
		}
		assertThat(owners.keySet()).as("every stream has an owner")
			.containsExactlyInAnyOrderElementsOf(
					Topics.ALL.stream().map(TopicSpec::name).filter((name) -> !name.endsWith(".dlt")).toList());
		return owners;
	}

	private static String topic(String constant) {
		try {
			return (String) Topics.class.getField(constant).get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError("Topics." + constant, ex);
		}
	}

}
