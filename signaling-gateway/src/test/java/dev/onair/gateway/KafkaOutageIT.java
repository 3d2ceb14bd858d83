package dev.onair.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.PrivateKafkaBroker;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health tells the truth: a gateway whose Kafka is gone cannot deliver a join, a chat
 * message or a signal, so its canary round trip fails and readiness goes down. Its
 * clients stay while no other instance passes its canary (Kafka is away for everyone:
 * moving them would only drop them from their rooms), and are told to reconnect as soon
 * as one does; when Kafka is back it is ready again by itself. A join refused meanwhile
 * leaves nothing behind and works when retried. The gateway has a Kafka broker of its own
 * here, so stopping it disturbs no other test.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class KafkaOutageIT {

	private static PrivateKafkaBroker kafka;

	private static String prefix;

	private static GatewayInstance gateway;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startGatewayOnItsOwnKafka() {
		kafka = PrivateKafkaBroker.launch();
		prefix = TestNames.uniqueId(KafkaOutageIT.class) + ".";
		gateway = GatewayInstance.start("gw-outage",
				GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256)),
				// The binder's too: Boot's connection details do not reach its consumers.
				Map.of("spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
						"spring.cloud.stream.kafka.binder.brokers", kafka.bootstrapServers()));
	}

	@AfterAll
	static void stop() {
		gateway.close();
		kafka.close();
	}

	@Test
	void withoutKafkaTheGatewayGoesUnreadyKeepsClientsUntilAnotherInstancePassesAndRecoversByItself() throws Exception {
		String room = UUID.randomUUID().toString();
		Broadcast.announce(kafka.bootstrapServers(), prefix, room, 1, "READY");
		try (WsClient viewer = WsClient.session(gateway, "stays");
				WsClient latecomer = WsClient.session(gateway, "latecomer")) {
			viewer.send(Map.of("type", "join", "room", room, "role", "viewer"));
			viewer.next("joined");

			kafka.stop();
			long stoppedAt = System.nanoTime();
			Awaitility.await("readiness DOWN without Kafka")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> readiness() == 503);
			System.out.printf("Unready %d ms after Kafka stopped%n",
					Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis());
			assertThat(liveness()).as("liveness: a restart does not bring Kafka back").isEqualTo(200);
			// Three more failed trips (every 2 s) with nobody else passing: the viewer
			// stays.
			Awaitility.await("the viewer not sent away while no instance can serve it")
				.during(Duration.ofSeconds(6))
				.atMost(Duration.ofSeconds(8))
				.until(() -> viewer.received()
					.stream()
					.noneMatch((frame) -> frame.path("type").asString().equals("reconnect")));

			// Another instance passes its canary: this one's trouble is its own now.
			ReactiveStringRedisTemplate redis = gateway.context().getBean(ReactiveStringRedisTemplate.class);
			redis.opsForZSet()
				.add(GatewayKeys.CANARY_PASSED, "gw-elsewhere", System.currentTimeMillis())
				.block(Duration.ofSeconds(2));
			assertThat(viewer.next("reconnect").path("afterMs").asLong()).isNotNegative();

			latecomer.send(Map.of("type", "join", "room", room, "role", "viewer", "ref", "j-1"));
			assertThat(latecomer.next("error").path("code").asString()).isEqualTo("unavailable");
			latecomer.send(Map.of("type", "chat.send", "room", room, "text", "am I in?"));
			assertThat(latecomer.next("error").path("code").asString()).as("the refused join left no membership")
				.isEqualTo("room.not-joined");

			kafka.start();
			long startedAt = System.nanoTime();
			Awaitility.await("readiness UP again after Kafka returned")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> readiness() == 200);
			System.out.printf("Ready %d ms after Kafka started%n",
					Duration.ofNanos(System.nanoTime() - startedAt).toMillis());

			latecomer.send(Map.of("type", "join", "room", room, "role", "viewer"));
			assertThat(latecomer.next("joined").path("room").asString()).as("the retried join works").isEqualTo(room);
		}
	}

	private int readiness() throws Exception {
		return status("/actuator/health/readiness");
	}

	private int liveness() throws Exception {
		return status("/actuator/health/liveness");
	}

	private int status(String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
