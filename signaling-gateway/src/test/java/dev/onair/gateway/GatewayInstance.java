package dev.onair.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.onair.testsupport.LocalStack;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway instance started in the test JVM on a free port, pointed at the local
 * stack's Kafka and Redis; several instances share a topic prefix and Redis database to
 * act as one deployment.
 */
final class GatewayInstance implements AutoCloseable {

	static final String ORIGIN = "http://127.0.0.1:8080";

	private final ConfigurableApplicationContext context;

	private final int port;

	private GatewayInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * Properties of a deployment: one prefix and Redis database for all its instances.
	 */
	static Map<String, Object> deployment(String prefix, int redisDatabase) {
		LocalStack stack = LocalStack.get();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
		properties.put("onair.kafka.prefix", prefix);
		properties.put("spring.data.redis.host", stack.redisHost());
		properties.put("spring.data.redis.port", stack.redisPort());
		properties.put("spring.data.redis.database", redisDatabase);
		properties.put("onair.gateway.session-token-key", stack.sessionTokenKey());
		properties.put("onair.gateway.owner-token-keys", stack.ownerTokenKey());
		properties.put("onair.gateway.turn.urls",
				"turn:" + stack.mediaHostAddress(1) + ":" + stack.turnPort() + "?transport=udp");
		properties.put("onair.gateway.turn.secret", stack.turnSecret());
		properties.put("onair.gateway.heartbeat", "1s");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.org.apache.kafka", "warn");
		return properties;
	}

	static GatewayInstance start(String id, Map<String, Object> deployment, Map<String, Object> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(deployment);
		properties.put("onair.gateway.id", id);
		properties.putAll(overrides);
		// As arguments: they outrank application.yml, as environment variables would.
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class,
				OwnEventLoops.class)
			.run(args);
		GatewayInstance instance = new GatewayInstance(context);
		instance.awaitReady();
		return instance;
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build();
		Awaitility.await("gateway on port " + this.port + " ready (fan-out listeners assigned)")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	URI ws() {
		return URI.create("ws://127.0.0.1:" + this.port + "/ws");
	}

	int port() {
		return this.port;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
