package dev.onair.systemtest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one service module declares in its {@code application.yml}: its port, the
 * environment variables it reads and how long its graceful shutdown may take. The
 * deployment recipes are checked against these, so they follow the services as they
 * change.
 *
 * @param name the module (= image, Deployment and compose service name)
 * @param port the default of {@code server.port}
 * @param managementPort the default of {@code management.server.port}: where the actuator
 * (probes, metrics) is served; {@code port} when it has none
 * @param variables every {@code ${VAR}} / {@code ${VAR:default}} placeholder, by name,
 * with its default ({@code null} when there is none)
 * @param shutdownPhase {@code spring.lifecycle.timeout-per-shutdown-phase}
 */
record ServiceModule(String name, int port, int managementPort, Map<String, String> variables, Duration shutdownPhase) {

	static final List<String> NAMES = List.of("broadcast-service", "signaling-gateway", "presence-service",
			"search-service", "media-service", "edge-web");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

	/** Names of variables that hold secrets (a JAAS configuration carries a password). */
	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|TOKEN|JAAS).*");

	static List<ServiceModule> all() {
		return NAMES.stream().map(ServiceModule::load).toList();
	}

	static ServiceModule load(String name) {
		String yml = Repository.read(Repository.ROOT.resolve(name).resolve("src/main/resources/application.yml"));
		Map<String, String> variables = new LinkedHashMap<>();
		Matcher matcher = PLACEHOLDER.matcher(yml);
		while (matcher.find()) {
			variables.putIfAbsent(matcher.group(1), matcher.group(2));
		}
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(name).resolve("src/main/resources/application.yml"));
		int serverPort = portDefault(Repository.at(config, "server.port"));
		Object management = Repository.at(config, "management.server.port");
		Object phase = Repository.at(config, "spring.lifecycle.timeout-per-shutdown-phase");
		return new ServiceModule(name, serverPort, (management != null) ? portDefault(management) : serverPort,
				variables, (phase != null) ? seconds(phase.toString()) : Duration.ofSeconds(30));
	}

	/** A port as the yml writes it: a number, or a placeholder with a numeric default. */
	private static int portDefault(Object value) {
		Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
		return Integer.parseInt(placeholder.matches() ? placeholder.group(2) : String.valueOf(value));
	}

	/**
	 * Variables a deployment must set: those without a usable default, those whose
	 * default only works on loopback, and secrets (their defaults are for local runs
	 * only).
	 */
	Set<String> requiredVariables() {
		Set<String> required = new TreeSet<>();
		this.variables.forEach((variable, fallback) -> {
			if (fallback == null || fallback.contains("127.0.0.1") || fallback.contains("localhost")
					|| isSecret(variable)) {
				required.add(variable);
			}
		});
		return required;
	}

	/** Whether the service exposes the liveness and readiness health groups over HTTP. */
	boolean exposesProbes() {
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(this.name).resolve("src/main/resources/application.yml"));
		return Boolean.TRUE.equals(Repository.at(config, "management.endpoint.health.probes.enabled"))
				&& String.valueOf(Repository.at(config, "management.endpoints.web.exposure.include"))
					.contains("health");
	}

	/**
	 * Spring's simple duration form in whole seconds ({@code 20s}), as the ymls write it.
	 */
	private static Duration seconds(String value) {
		if (!value.matches("\\d+s")) {
			throw new IllegalStateException("expected a duration like 20s, got " + value);
		}
		return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
	}

	/**
	 * How a listener names the service's own consumer group (= spring.application.name);
	 * per-instance fan-out groups: {@link #fansOut()}.
	 */
	static final String OWN_GROUP = "groupId = \"${onair.kafka.prefix:}${spring.application.name}\"";

	/**
	 * Every main Java source file of the module, concatenated (to read its listeners).
	 */
	String source() {
		Path root = Repository.ROOT.resolve(this.name).resolve("src/main/java");
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.sorted()
				.map(Repository::read)
				.collect(Collectors.joining("\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The topics its Spring Cloud Stream input bindings read (application.yml,
	 * {@code spring.cloud.stream.bindings.<name>-in-<n>.destination}, without the test
	 * prefix).
	 */
	Set<String> boundTopics() {
		return inputBindings().stream()
			.map((binding) -> String.valueOf(binding.get("destination")).replace(PREFIX, ""))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Whether the service consumes in per-instance fan-out groups: it names them
	 * {@code <name>-<instance>-<stream>} through {@code onair.kafka.instance-groups}.
	 */
	boolean fansOut() {
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(this.name).resolve("src/main/resources/application.yml"));
		Object groups = Repository.at(config, "onair.kafka.instance-groups");
		return groups != null && groups.toString().startsWith(PREFIX + "${spring.application.name}-");
	}

	/** Whether an input binding consumes in the service's own group. */
	boolean bindsOwnGroup() {
		return inputBindings().stream()
			.anyMatch((binding) -> (PREFIX + "${spring.application.name}").equals(binding.get("group")));
	}

	/**
	 * Whether an input binding subscribes in the service's own group, so the group has
	 * members while the service runs: not one that assigns itself every partition
	 * ({@code auto-rebalance-enabled: false}, search-service).
	 */
	boolean subscribesInOwnGroup() {
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(this.name).resolve("src/main/resources/application.yml"));
		Object bindings = Repository.at(config, "spring.cloud.stream.bindings");
		if (bindings == null) {
			return false;
		}
		return Kustomize.map(bindings)
			.entrySet()
			.stream()
			.filter((binding) -> binding.getKey().contains("-in-"))
			.filter((binding) -> (PREFIX + "${spring.application.name}")
				.equals(Kustomize.map(binding.getValue()).get("group")))
			.anyMatch((binding) -> !Boolean.FALSE
				.equals(kafkaConsumer(config, binding.getKey()).get("auto-rebalance-enabled")));
	}

	private static Map<String, Object> kafkaConsumer(Map<String, Object> config, String binding) {
		Object bindings = Repository.at(config, "spring.cloud.stream.kafka.bindings");
		if (bindings == null || !(Kustomize.map(bindings).get(binding) instanceof Map<?, ?> kafka)
				|| !(kafka.get("consumer") instanceof Map<?, ?> consumer)) {
			return Map.of();
		}
		return Kustomize.map(consumer);
	}

	private List<Map<String, Object>> inputBindings() {
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(this.name).resolve("src/main/resources/application.yml"));
		Object bindings = Repository.at(config, "spring.cloud.stream.bindings");
		if (bindings == null) {
			return List.of();
		}
		return Kustomize.map(bindings)
			.entrySet()
			.stream()
			.filter((binding) -> binding.getKey().contains("-in-"))
			.map((binding) -> Kustomize.map(binding.getValue()))
			.toList();
	}

	/** The test topic prefix, as application.yml files write it. */
	private static final String PREFIX = "${onair.kafka.prefix:}";

	static boolean isSecret(String variable) {
		return SECRET_NAME.matcher(variable).matches();
	}

}
