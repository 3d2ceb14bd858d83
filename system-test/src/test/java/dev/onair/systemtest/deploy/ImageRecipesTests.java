package dev.onair.systemtest.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfiles, read as text (there is no Docker engine to build them here): layered
 * Boot jars on a JRE 21 base, a non-root user, a liveness health check on the port of the
 * service's actuator and a heap sized from the container's memory.
 */
class ImageRecipesTests {

	@Test
	void serviceImagesRunTheLayeredJarAsANonRootUserWithALivenessCheck() {
		for (ServiceModule module : ServiceModule.all()) {
			String recipe = recipe(module.name() + "/Dockerfile");
			assertThat(recipe).as(module.name() + "/Dockerfile")
				.contains("FROM eclipse-temurin:21-jre AS extract")
				.contains("COPY target/" + module.name() + "-*.jar app.jar")
				.contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
				.contains("ENV PORT=" + module.port(), "EXPOSE " + module.port())
				.contains("/actuator/health/liveness")
				.contains("-XX:MaxRAMPercentage=")
				.contains("org.springframework.boot.loader.launch.JarLauncher")
				.containsPattern("(?m)^USER [1-9]\\d*:[1-9]\\d*$");
			for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
				assertThat(recipe).contains("COPY --from=extract /build/extracted/" + layer + "/ ./");
			}
			assertThat(last(recipe, "FROM ")).as(module.name() + " runtime base")
				.isEqualTo("FROM eclipse-temurin:21-jre");
		}
	}

	@Test
	void serviceImagesDifferOnlyInTheirNameAndPort() {
		String reference = generic(ServiceModule.load("broadcast-service"));
		for (ServiceModule module : ServiceModule.all()) {
			assertThat(generic(module)).as(module.name() + "/Dockerfile drifted from the others").isEqualTo(reference);
		}
	}

	@Test
	void mediaImagesConfigureThemselvesFromEnvAndCheckTheirListener() {
		String janus = recipe("infra/janus/Dockerfile");
		assertThat(janus).contains("apt-get install -y --no-install-recommends janus")
			.contains("HEALTHCHECK")
			.containsPattern("(?m)^USER ");
		String entrypoint = recipe("infra/janus/docker-entrypoint.sh");
		assertThat(entrypoint).contains("libjanus_videoroom.so", "libjanus_websockets.so")
			.contains("JANUS_API_SECRET must be set")
			.contains("@RTP_PORTS@", "@ADDRESS@", "@API_SECRET@");
		for (String template : new String[] { "infra/janus/janus.jcfg",
				"infra/janus/janus.transport.websockets.jcfg" }) {
			Matcher placeholders = Pattern.compile("@[A-Z_]+@").matcher(recipe(template));
			while (placeholders.find()) {
				assertThat(entrypoint).as("the entrypoint fills in " + template + "'s " + placeholders.group())
					.contains("s|" + placeholders.group() + "|");
			}
		}
		String coturn = recipe("infra/coturn/turnserver.conf");
		assertThat(coturn).contains("use-auth-secret", "static-auth-secret=@TURN_SECRET@")
			.doesNotContain("lt-cred-mech");
		assertThat(recipe("infra/coturn/docker-entrypoint.sh")).contains("TURN_SECRET must be set")
			.doesNotContain("turnserver -n");
	}

	private static String recipe(String path) {
		return Repository.read(Repository.ROOT.resolve(path));
	}

	/**
	 * The recipe with its name and ports made generic; the health check probes the
	 * actuator's port, the service port ({@code $PORT}) unless the actuator has its own.
	 */
	private static String generic(ServiceModule module) {
		String healthCheck = "127.0.0.1:"
				+ ((module.managementPort() != module.port()) ? module.managementPort() : "${PORT}") + "/actuator";
		return recipe(module.name() + "/Dockerfile").replace(module.name(), "<module>")
			.replace(healthCheck, "127.0.0.1:<actuator-port>/actuator")
			.replace(Integer.toString(module.port()), "<port>");
	}

	private static String last(String recipe, String prefix) {
		return recipe.lines().filter((line) -> line.startsWith(prefix)).reduce((a, b) -> b).orElseThrow();
	}

}
