package dev.onair.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.onair.contract.OwnerTokens;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection lifecycle with two instances: a dead connection is closed by the keepalive,
 * and shutting instance A down (what SIGTERM does) drains its clients to B without losing
 * their identity, rooms or chat.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class GatewayLifecycleIT {

	private static final int DURING_SWITCH = 30;

	private static GatewayInstance a;

	private static GatewayInstance b;

	private static String prefix;

	private final String room = Broadcast.open(prefix);

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@BeforeAll
	static void startTwoInstances() {
		prefix = TestNames.uniqueId(GatewayLifecycleIT.class) + ".";
		Map<String, Object> deployment = GatewayInstance.deployment(prefix,
				ThreadLocalRandom.current().nextInt(1, 256));
		Map<String, Object> fast = Map.of("onair.gateway.keepalive.ping", "500ms",
				"onair.gateway.keepalive.idle-timeout", "2s", "onair.gateway.drain.max-jitter", "500ms",
				"onair.gateway.drain.max-wait", "5s", "onair.gateway.chat.messages", "1000");
		a = GatewayInstance.start("gw-a", deployment, fast);
		b = GatewayInstance.start("gw-b", deployment, fast);
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
	}

	@Test
	void aConnectionThatNeverAnswersPingsIsClosed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", b.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: "
					+ GatewayInstance.ORIGIN + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			socket.setSoTimeout(10_000);
			InputStream in = socket.getInputStream();
			long start = System.nanoTime();
			byte[] buffer = new byte[1024];
			StringBuilder seen = new StringBuilder();
			int read;
			while ((read = in.read(buffer)) != -1) {
				seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
			}
			assertThat(seen.toString()).startsWith("HTTP/1.1 101");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed after the 2 s idle timeout")
				.isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
		}
		// What the gateway-disconnects alert reads.
		Awaitility.await("the idle close is counted")
			.atMost(Duration.ofSeconds(5))
			.until(() -> HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(b.base() + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()
				.lines()
				.anyMatch((line) -> line.startsWith("onair_gateway_disconnects_total{")
						&& line.contains("reason=\"idle\"") && !line.endsWith(" 0.0")));
	}

	@Test
	void shuttingDownADrainsClientsToBWithTheirIdentityRoomsAndChat() throws Exception {
		String ownerToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(this.room, 1,
				Instant.now().plus(Duration.ofHours(1)));
		WsClient onA = WsClient.session(a, "mover");
		try (WsClient owner = WsClient.session(b, "owner")) {
			onA.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
			onA.next("joined");
			owner.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", ownerToken));
			owner.next("joined");
			JsonNode welcome = onA.received().get(0);
			String token = welcome.path("token").asString();

			// Own threads: on 2 cores the common pool has one worker, which the JDK
			// WebSocket client also needs.
			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(a::close, this.threads);
			CompletableFuture<Void> chatter = CompletableFuture
				.runAsync(() -> IntStream.range(0, DURING_SWITCH).forEach((i) -> {
					owner.send(Map.of("type", "chat.send", "room", this.room, "text", "during-" + i));
					owner.next("chat.message", (frame) -> frame.path("text").asString().equals("during-" + i));
				}), this.threads);

			long afterMs = onA.next("reconnect").path("afterMs").asLong();
			assertThat(afterMs).isBetween(0L, 500L);
			HttpResponse<Void> readiness = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(a.base() + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding());
			assertThat(readiness.statusCode()).as("A's readiness while draining").isEqualTo(503);

			try (WsClient onB = WsClient.connect(b.ws())) {
				onB.send(Map.of("type", "hello", "v", 1, "token", token));
				JsonNode resumed = onB.next("welcome");
				onA.close();
				assertThat(resumed.path("resumed").asBoolean()).isTrue();
				assertThat(resumed.path("session").asString()).isEqualTo(welcome.path("session").asString());
				assertThat(resumed.path("name").asString()).isEqualTo("mover");
				JsonNode rejoined = onB.next("joined");
				assertThat(rejoined.path("room").asString()).isEqualTo(this.room);
				assertThat(rejoined.path("role").asString()).isEqualTo("viewer");

				chatter.join();
				shutdown.join();
				onB.next("chat.message",
						(frame) -> frame.path("text").asString().equals("during-" + (DURING_SWITCH - 1))
								|| rejoined.path("history").toString().contains("during-" + (DURING_SWITCH - 1)));
				Set<String> seen = new HashSet<>();
				for (WsClient client : new WsClient[] { onA, onB }) {
					client.received()
						.stream()
						.filter((frame) -> frame.path("type").asString().equals("chat.message"))
						.forEach((frame) -> seen.add(frame.path("text").asString()));
				}
				rejoined.path("history").forEach((message) -> seen.add(message.path("text").asString()));
				assertThat(seen).as("chat seen by the moving client across both connections")
					.containsAll(IntStream.range(0, DURING_SWITCH).mapToObj((i) -> "during-" + i).toList());

				onB.send(Map.of("type", "chat.send", "room", this.room, "text", "back on B"));
				owner.next("chat.message", (frame) -> frame.path("text").asString().equals("back on B")
						&& frame.path("from").asString().equals(welcome.path("session").asString()));
			}
		}
		Awaitility.await("A closed").until(() -> !a.context().isActive());
	}

}
