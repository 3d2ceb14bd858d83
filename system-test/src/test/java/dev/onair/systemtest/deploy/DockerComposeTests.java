package dev.onair.systemtest.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml against the services it runs: every module present and built from
 * its own recipe, the variables each application.yml needs, health checks on the real
 * ports, start order by health, and the broker configured like the local one.
 */
class DockerComposeTests {

	private static final Map<String, Object> COMPOSE = Repository.yaml(Repository.ROOT.resolve("docker-compose.yml"));

	private static final List<String> INFRASTRUCTURE = List.of("kafka", "postgres", "redis", "janus", "coturn");

	/**
	 * Spring Boot's own properties, set by their environment names (relaxed binding),
	 * where no application.yml placeholder exists yet: the Redis ACL user of each
	 * service.
	 */
	private static final Set<String> BOOT_PROPERTIES = Set.of("SPRING_DATA_REDIS_USERNAME",
			"SPRING_DATA_REDIS_PASSWORD");

	@Test
	void runsEveryServiceFromItsModulesRecipe() {
		for (String name : ServiceModule.NAMES) {
			Map<String, Object> service = service(name);
			assertThat(service.get("build")).as(name + " build context").isEqualTo(name);
			assertThat(service.get("image")).isEqualTo("onair/" + name);
		}
		assertThat(services()).containsKeys(INFRASTRUCTURE.toArray(String[]::new));
	}

	@Test
	void everyServiceGetsTheVariablesItsApplicationYmlNeedsAndNoOthers() {
		for (ServiceModule module : ServiceModule.all()) {
			for (String name : instances(module.name())) {
				Map<String, Object> environment = Kustomize.map(service(name).get("environment"));
				assertThat(environment.keySet()).as(name + " environment").containsAll(module.requiredVariables());
				Set<String> given = new TreeSet<>(environment.keySet());
				given.removeAll(BOOT_PROPERTIES);
				assertThat(module.variables().keySet())
					.as("variables " + name + " is given, all read by its application.yml")
					.containsAll(given);
				assertThat(environment.get("PORT")).as(name + " PORT").isEqualTo(Integer.toString(module.port()));
			}
		}
	}

	@Test
	void healthChecksProbeEachServicesActuatorPortAndStartOrderWaitsForHealth() {
		for (ServiceModule module : ServiceModule.all()) {
			for (String name : instances(module.name())) {
				assertThat(String.join(" ", strings(Repository.at(service(name), "healthcheck.test"))))
					.as(name + " health check")
					.contains("http://127.0.0.1:" + module.managementPort() + "/actuator/health/readiness");
			}
		}
		services().forEach((name, service) -> {
			assertThat(Kustomize.map(service).get("healthcheck")).as(name + " has a health check").isNotNull();
			Object dependsOn = Kustomize.map(service).get("depends_on");
			if (dependsOn != null) {
				Kustomize.map(dependsOn).forEach((dependency, condition) -> {
					assertThat(services()).as(name + " depends on a defined service").containsKey(dependency);
					assertThat(Repository.at(Kustomize.map(condition), "condition"))
						.as(name + " waits for " + dependency)
						.isEqualTo("service_healthy");
				});
			}
		});
	}

	@Test
	void onlyEdgeWebAndTheMediaPortsArePublished() {
		services().forEach((name, service) -> {
			List<String> ports = strings(Kustomize.map(service).get("ports"));
			switch (name) {
				case "edge-web" -> assertThat(ports).containsExactly("8080:8080");
				case "janus", "coturn" ->
					assertThat(ports).allMatch((port) -> port.endsWith("/udp") || port.startsWith("3478:"));
				default -> assertThat(ports).as(name + " stays on the compose network").isEmpty();
			}
		});
		Map<String, Object> edge = Kustomize.map(service("edge-web").get("environment"));
		for (String target : List.of("BROADCAST_URL", "PRESENCE_URL", "SEARCH_URL", "GATEWAY_URLS")) {
			for (String url : edge.get(target).toString().split(",")) {
				String host = url.replaceAll("^http://([^:]+):(\\d+)$", "$1");
				String port = url.replaceAll("^http://([^:]+):(\\d+)$", "$2");
				assertThat(ServiceModule.load(module(host)).port())
					.as(target + " " + url + " points at the service's port")
					.hasToString(port);
			}
		}
	}

	@Test
	void everySecretIsRequiredSoComposeStopsBeforeStartingWithoutIt() {
		services().forEach((name, service) -> {
			Object environment = Kustomize.map(service).get("environment");
			if (environment == null) {
				return;
			}
			Kustomize.map(environment).forEach((variable, value) -> {
				if (ServiceModule.isSecret(variable)) {
					assertThat(value).as(name + " " + variable + " is a required ${VAR:?message}")
						.asString()
						.matches("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}");
				}
			});
		});
	}

	@Test
	void thePublishedEdgeWebKeepsItsActuatorOnTheContainersLoopback() {
		ServiceModule edge = ServiceModule.load("edge-web");
		assertThat(edge.managementPort()).as("edge-web's actuator port").isNotEqualTo(edge.port());
		Map<String, Object> environment = Kustomize.map(service("edge-web").get("environment"));
		assertThat(environment).containsEntry("MANAGEMENT_ADDRESS", "127.0.0.1");
		assertThat(strings(Kustomize.map(service("edge-web")).get("ports")))
			.noneMatch((port) -> port.contains(Integer.toString(edge.managementPort())));
	}

	@Test
	void theBrokerHasEverySettingOfTheLocalBroker() throws IOException {
		Properties local = new Properties();
		local.load(new StringReader(Repository.read(Repository.ROOT.resolve("infra/kafka/server.properties"))));
		Map<String, Object> environment = Kustomize.map(service("kafka").get("environment"));
		assertThat(Repository.at(service("kafka"), "image").toString()).startsWith("apache/kafka:");
		local.stringPropertyNames()
			.stream()
			// Addresses and folders differ by design: these are the container's own.
			.filter((key) -> !key.contains("listeners") && !key.equals("log.dirs")
					&& !key.equals("controller.quorum.voters"))
			.forEach((key) -> assertThat(environment)
				.as("KAFKA_" + key.toUpperCase().replace('.', '_') + " like infra/kafka/server.properties")
				.containsEntry("KAFKA_" + key.toUpperCase().replace('.', '_'), local.getProperty(key)));
	}

	private static Map<String, Object> services() {
		return Kustomize.map(COMPOSE.get("services"));
	}

	private static Map<String, Object> service(String name) {
		Object service = services().get(name);
		assertThat(service).as("compose service " + name).isNotNull();
		return Kustomize.map(service);
	}

	/**
	 * The compose services running a module: the gateway runs twice, as under ./onair.
	 */
	private static List<String> instances(String module) {
		return services().keySet()
			.stream()
			.filter((name) -> name.equals(module) || name.startsWith(module + "-"))
			.toList();
	}

	private static String module(String instance) {
		return ServiceModule.NAMES.stream()
			.filter((name) -> instance.equals(name) || instance.startsWith(name + "-"))
			.findFirst()
			.orElseThrow();
	}

	private static List<String> strings(Object value) {
		return Kustomize.list(value).stream().map(Object::toString).toList();
	}

}
