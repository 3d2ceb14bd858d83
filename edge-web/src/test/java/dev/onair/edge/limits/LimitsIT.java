package dev.onair.edge.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Per client address, edge-web allows a burst of {@code /api} requests and then answers
 * {@code 429} problem with {@code Retry-After}, and holds a bounded number of {@code /ws}
 * connections, refusing the next upgrade with 429; other addresses and the unlimited
 * networks are not affected. The test's loopback client is the trusted proxy (as the
 * Ingress controller is in k8s), so each request's address is the one its
 * {@code X-Forwarded-For} names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.gateway.server.webflux.trusted-proxies=127\\.0\\.0\\.1",
				"server.forward-headers-strategy=native", "onair.edge.limits.connections-per-address=2",
				"onair.edge.limits.api-burst=3", "onair.edge.limits.api-refill=1h",
				"onair.edge.limits.unlimited-networks=198.51.100.0/24" })
class LimitsIT {

	/**
	 * Stands in for broadcast-service and the gateways: answers HTTP, keeps sockets open.
	 */
	private static final DisposableServer backend = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes.ws("/ws", (in, out) -> in.receive().then())
			.route((request) -> true, (request, response) -> response.sendString(Mono.just("[]"))))
		.bindNow();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<WebSocket> opened = new ArrayList<>();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		registry.add("onair.edge.routing.broadcast", () -> "http://127.0.0.1:" + backend.port());
		registry.add("onair.edge.routing.gateways", () -> "http://127.0.0.1:" + backend.port());
	}

	@AfterAll
	static void stopBackend() {
		backend.disposeNow();
	}

	@AfterEach
	void closeAll() {
		this.opened.forEach(WebSocket::abort);
	}

	@Test
	void apiRequestsOverTheBurstGet429ProblemWithRetryAfter() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/broadcasts", "203.0.113.7").statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = get("/api/broadcasts", "203.0.113.7");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
			.hasValueSatisfying((seconds) -> assertThat(seconds).isBetween(1L, Duration.ofHours(1).toSeconds() + 1));
		assertThat(refused.body()).contains("\"type\":\"urn:onair:problem:rate-limited\"", "\"status\":429");

		assertThat(get("/api/broadcasts", "203.0.113.8").statusCode()).as("another address").isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(get("/api/broadcasts", "198.51.100.9").statusCode()).as("an unlimited network").isEqualTo(200);
		}
		assertThat(get("/", "203.0.113.7").statusCode()).as("pages are not limited").isEqualTo(200);
	}

	@Test
	void theConnectionOverTheLimitIsRefusedBeforeTheUpgradeAndAClosedOneFreesItsPlace() {
		WebSocket first = open("203.0.113.20");
		open("203.0.113.20");

		Throwable refused = catchThrowable(() -> open("203.0.113.20"));
		assertThat(refused).as("the third upgrade is refused").isInstanceOf(CompletionException.class);
		assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
		HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
		open("203.0.113.21");
		for (int i = 0; i < 3; i++) {
			open("198.51.100.9");
		}

		first.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
		Awaitility.await("a place for 203.0.113.20 once one of its connections closed")
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptionsInstanceOf(CompletionException.class)
			.until(() -> open("203.0.113.20") != null);
	}

	private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-Forwarded-For", forwardedFor)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private WebSocket open(String forwardedFor) {
		WebSocket socket = this.http.newWebSocketBuilder()
			.header("Origin", "http://127.0.0.1:8080")
			.header("X-Forwarded-For", forwardedFor)
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/ws"), new WebSocket.Listener() {
			})
			.join();
		this.opened.add(socket);
		return socket;
	}

}
