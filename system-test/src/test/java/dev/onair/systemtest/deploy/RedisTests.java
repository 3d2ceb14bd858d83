package dev.onair.systemtest.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis in Kubernetes and docker-compose: the same ACL users (one per service that uses
 * Redis, reaching only its own key prefix; the default user off), every service logging
 * in as its own user with its own password, the append-only file on and no eviction.
 */
class RedisTests {

	private static final Pattern USER = Pattern.compile("(?m)^\\s*(user \\S+ .*)$");

	private static final Pattern PASSWORD = Pattern.compile("^user (\\S+) on >\\$(\\w+) ");

	/**
	 * A key name's literal start: {@code return "gw:chat:" + ...},
	 * {@code = "media:node-load"}.
	 */
	private static final Pattern KEY = Pattern.compile("(?:return|=)\\s*\"([a-z][a-z0-9-]*:[^\"]*)\"");

	/**
	 * The key prefix of each service's Redis keys (GatewayKeys, PresenceKeys, MediaKeys).
	 */
	private static final Map<String, String> KEY_PREFIXES = Map.of("signaling-gateway", "gw:", "presence-service",
			"presence:", "media-service", "media:");

	@Test
	void composeAndKubernetesDefineTheSameUsers() {
		assertThat(users(composeScript())).isEqualTo(users(kubernetesConfig("dev").get("start.sh")))
			.isEqualTo(users(kubernetesConfig("prod").get("start.sh")));
	}

	@Test
	void eachRedisClientHasAUserLimitedToItsKeysAndNothingDangerous() {
		List<String> users = users(kubernetesConfig("prod").get("start.sh"));
		assertThat(users).contains("user default off resetpass -@all", "user healthcheck on nopass -@all +ping");
		for (ServiceModule module : ServiceModule.all()) {
			if (!usesRedis(module)) {
				assertThat(users).as(module.name() + " uses no Redis and has no user")
					.noneMatch((user) -> user.startsWith("user " + module.name() + " "));
				continue;
			}
			assertThat(KEY_PREFIXES).as("key prefix of " + module.name()).containsKey(module.name());
			assertThat(users).as(module.name() + " ACL")
				.contains("user " + module.name() + " on >$" + passwordVariable(users, module.name()) + " resetkeys ~"
						+ KEY_PREFIXES.get(module.name()) + "* resetchannels +@all -@dangerous +info");
		}
	}

	@Test
	void everyKeyAServiceNamesLiesWithinItsUsersPattern() throws IOException {
		for (ServiceModule module : ServiceModule.all()) {
			if (!usesRedis(module)) {
				continue;
			}
			Path root = Repository.ROOT.resolve(module.name()).resolve("src/main/java");
			List<String> keys;
			try (Stream<Path> files = Files.walk(root)) {
				keys = files.filter((file) -> file.getFileName().toString().endsWith("Keys.java"))
					.map(Repository::read)
					.flatMap((source) -> KEY.matcher(source).results().map((match) -> match.group(1)))
					.toList();
			}
			assertThat(keys).as(module.name() + " names its Redis keys in a *Keys class").isNotEmpty();
			assertThat(keys).as(module.name() + " keys, all reachable by its ACL user")
				.allSatisfy((key) -> assertThat(key).startsWith(KEY_PREFIXES.get(module.name())));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void kubernetesServicesLogInWithThePasswordRedisWasGiven(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		List<String> users = users(kubernetesConfig(overlay).get("start.sh"));
		Container redis = manifests.one(StatefulSet.class, "redis")
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		for (ServiceModule module : ServiceModule.all()) {
			if (!usesRedis(module)) {
				continue;
			}
			Map<String, EnvVar> env = env(manifests.container(module.name()));
			assertThat(env.get("SPRING_DATA_REDIS_USERNAME").getValue()).as(module.name() + " Redis user")
				.isEqualTo(module.name());
			String key = env.get("SPRING_DATA_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getKey();
			assertThat(env(redis).get(passwordVariable(users, module.name())).getValueFrom().getSecretKeyRef().getKey())
				.as(module.name() + " password is the one Redis was given")
				.isEqualTo(key);
		}
	}

	@Test
	void composeServicesLogInWithThePasswordRedisWasGiven() {
		List<String> users = users(composeScript());
		Map<String, Object> redisEnvironment = Kustomize.map(Repository.at(compose("redis"), "environment"));
		for (ServiceModule module : ServiceModule.all()) {
			if (!usesRedis(module)) {
				continue;
			}
			String variable = passwordVariable(users, module.name());
			assertThat(redisEnvironment.get(variable)).as("redis " + variable)
				.asString()
				.startsWith("${" + variable + ":?");
			Map<String, Object> environment = Kustomize.map(Repository.at(compose(module.name()), "environment"));
			assertThat(environment).as(module.name())
				.containsEntry("SPRING_DATA_REDIS_USERNAME", module.name())
				.hasEntrySatisfying("SPRING_DATA_REDIS_PASSWORD",
						(value) -> assertThat(value).asString().startsWith("${" + variable + ":?"));
		}
	}

	@Test
	void stateIsPersistedAndNeverEvicted() {
		for (String overlay : List.of("dev", "prod")) {
			String conf = kubernetesConfig(overlay).get("redis.conf");
			assertThat(conf).as(overlay + " redis.conf")
				.containsPattern("(?m)^appendonly yes$")
				.containsPattern("(?m)^maxmemory-policy noeviction$")
				.containsPattern("(?m)^aclfile /run/redis/users.acl$");
			assertThat(Manifests.build(overlay).one(StatefulSet.class, "redis").getSpec().getVolumeClaimTemplates())
				.as(overlay + " Redis keeps its data on a volume")
				.isNotEmpty();
		}
		assertThat(composeScript()).contains("--appendonly yes", "--maxmemory-policy noeviction",
				"--aclfile /run/redis/users.acl");
	}

	private static boolean usesRedis(ServiceModule module) {
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(module.name()).resolve("src/main/resources/application.yml"));
		return Repository.at(config, "spring.data.redis") != null;
	}

	private static String passwordVariable(List<String> users, String user) {
		for (String line : users) {
			Matcher matcher = PASSWORD.matcher(line);
			if (matcher.find() && matcher.group(1).equals(user)) {
				return matcher.group(2);
			}
		}
		throw new AssertionError("no Redis user " + user + " with a password in " + users);
	}

	/** The ACL lines, with compose's $$ escapes undone. */
	private static List<String> users(String script) {
		assertThat(script).as("ACL script").isNotNull();
		return USER.matcher(script.replace("$$", "$")).results().map((match) -> match.group(1).strip()).toList();
	}

	private static Map<String, String> kubernetesConfig(String overlay) {
		return Manifests.build(overlay).one(ConfigMap.class, "redis-config").getData();
	}

	private static String composeScript() {
		return String.join("\n",
				Kustomize.list(Repository.at(compose("redis"), "command")).stream().map(Object::toString).toList());
	}

	private static Map<String, Object> compose(String service) {
		Map<String, Object> compose = Repository.yaml(Repository.ROOT.resolve("docker-compose.yml"));
		return Kustomize.map(Repository.at(compose, "services." + service));
	}

	private static Map<String, EnvVar> env(Container container) {
		Map<String, EnvVar> env = new LinkedHashMap<>();
		container.getEnv().forEach((variable) -> env.put(variable.getName(), variable));
		return env;
	}

}
