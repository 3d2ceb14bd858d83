package dev.onair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local stack's infrastructure is, as {@code ./onair} wrote it to
 * {@code .onair/stack.env}: addresses, ports and the generated secrets. Values fall back
 * to the documented defaults so a test still gets a precise "not reachable" message when
 * the file does not exist yet.
 */
public final class LocalStack {

	private static volatile LocalStack instance;

	private final Path home;

	private final Map<String, String> env;

	private LocalStack(Path home, Map<String, String> env) {
		this.home = home;
		this.env = env;
	}

	public static LocalStack get() {
		LocalStack stack = instance;
		if (stack == null) {
			Path home = findHome();
			stack = new LocalStack(home, read(home.resolve(".onair/stack.env")));
			instance = stack;
		}
		return stack;
	}

	/** The repository root (the folder holding the {@code onair} script). */
	public Path home() {
		return this.home;
	}

	/** Every variable of {@code .onair/stack.env}, e.g. to start a service process. */
	public Map<String, String> env() {
		return Map.copyOf(this.env);
	}

	public String value(String name, String fallback) {
		String fromProcess = System.getenv(name);
		if (fromProcess != null && !fromProcess.isBlank()) {
			return fromProcess;
		}
		return this.env.getOrDefault(name, fallback);
	}

	public String kafkaBootstrapServers() {
		return value("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
	}

	String kafkaHost() {
		return kafkaBootstrapServers().split(",")[0].split(":")[0];
	}

	int kafkaPort() {
		return Integer.parseInt(kafkaBootstrapServers().split(",")[0].split(":")[1]);
	}

	public String postgresHost() {
		return value("POSTGRES_HOST", "127.0.0.1");
	}

	public int postgresPort() {
		return Integer.parseInt(value("POSTGRES_PORT", "15432"));
	}

	public String postgresUser() {
		return value("POSTGRES_USER", "onair");
	}

	public String postgresPassword() {
		return value("POSTGRES_PASSWORD", "onair");
	}

	public String postgresDatabase() {
		return value("POSTGRES_DB", "onair");
	}

	public String redisHost() {
		return value("REDIS_HOST", "127.0.0.1");
	}

	public int redisPort() {
		return Integer.parseInt(value("REDIS_PORT", "16379"));
	}

	/** How many media hosts {@code ./onair} runs ({@code ONAIR_MEDIA_HOSTS}). */
	public int mediaHosts() {
		return Integer.parseInt(value("MEDIA_HOST_COUNT", "1"));
	}

	/** Private address of media host {@code n} (a network namespace running Janus). */
	public String mediaHostAddress(int n) {
		return value("MEDIA_HOST_" + n, "10.203." + n + ".2");
	}

	public int janusWebSocketPort() {
		return Integer.parseInt(value("JANUS_WS_PORT", "8188"));
	}

	/** Janus's API on media host {@code n}: TLS only (./onair, {@code janus_tls}). */
	public URI janusWebSocketUrl(int mediaHost) {
		return URI.create("wss://" + mediaHostAddress(mediaHost) + ":" + janusWebSocketPort());
	}

	/** The PEM certificate the Janus API presents, for media-service to trust. */
	public String janusTrustedCertificates() {
		return value("JANUS_TRUSTED_CERTIFICATES", "");
	}

	public String janusApiSecret() {
		return value("JANUS_API_SECRET", "");
	}

	/** VideoRoom {@code admin_key} of the stack's Janus nodes. */
	public String janusAdminKey() {
		return value("JANUS_ADMIN_KEY", "");
	}

	public int turnPort() {
		return Integer.parseInt(value("TURN_PORT", "3478"));
	}

	public String turnSecret() {
		return value("TURN_SECRET", "");
	}

	public String ownerTokenKey() {
		return value("OWNER_TOKEN_KEY", "");
	}

	public String sessionTokenKey() {
		return value("SESSION_TOKEN_KEY", "");
	}

	public int edgeWebPort() {
		return Integer.parseInt(value("EDGE_WEB_PORT", "8080"));
	}

	/** The executable that runs Debian's Chromium inside the client network namespace. */
	public Path chromiumWrapper() {
		return this.home.resolve(".onair/bin/chromium-in-client-ns");
	}

	private static Path findHome() {
		String fromEnv = System.getenv("ONAIR_HOME");
		if (fromEnv != null && !fromEnv.isBlank()) {
			return Path.of(fromEnv).toAbsolutePath();
		}
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("onair")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException(
				"Cannot find the OnAir repository root from " + Path.of("").toAbsolutePath() + "; set ONAIR_HOME");
	}

	private static Map<String, String> read(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return values;
		}
		try {
			for (String line : Files.readAllLines(file)) {
				int eq = line.indexOf('=');
				if (eq > 0 && !line.startsWith("#")) {
					values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return values;
	}

}
