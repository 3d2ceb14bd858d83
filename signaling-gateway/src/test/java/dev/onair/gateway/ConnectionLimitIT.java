package dev.onair.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One client address holds at most {@code connections-per-address} connections on an
 * instance; the next upgrade is refused with 429 before it happens, other addresses and
 * the unlimited networks are not affected, and a closed connection frees its place. The
 * test's loopback peer is a proxy (as edge-web is), so the address is the one its
 * {@code X-Forwarded-For} names.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class ConnectionLimitIT {

	private static GatewayInstance gateway;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<WebSocket> opened = new ArrayList<>();

	@BeforeAll
	static void start() {
		String prefix = TestNames.uniqueId(ConnectionLimitIT.class) + ".";
		gateway = GatewayInstance.start("gw-limit",
				GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256)),
				Map.of("onair.gateway.limits.connections-per-address", 2, "onair.gateway.limits.unlimited-networks",
						"198.51.100.0/24"));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@AfterEach
	void closeAll() {
		this.opened.forEach(WebSocket::abort);
	}

	@Test
	void theConnectionOverTheLimitIsRefusedBeforeTheUpgradeAndAClosedOneFreesItsPlace() {
		WebSocket first = open("203.0.113.7");
		open("203.0.113.7");

		HttpResponse<?> refused = refusal("203.0.113.7");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
		open("203.0.113.8");
		for (int i = 0; i < 3; i++) {
			open("198.51.100.9");
		}

		first.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
		Awaitility.await("a place for 203.0.113.7 once one of its connections closed")
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptionsInstanceOf(CompletionException.class)
			.until(() -> open("203.0.113.7") != null);
	}

	private WebSocket open(String forwardedFor) {
		WebSocket socket = this.http.newWebSocketBuilder()
			.header("Origin", GatewayInstance.ORIGIN)
			.header("X-Forwarded-For", forwardedFor)
			.buildAsync(gateway.ws(), new WebSocket.Listener() {
			})
			.join();
		this.opened.add(socket);
		return socket;
	}

	private HttpResponse<?> refusal(String forwardedFor) {
		Throwable refused = catchThrowable(() -> open(forwardedFor));
		assertThat(refused).as("the upgrade is refused").isInstanceOf(CompletionException.class);
		assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) refused.getCause()).getResponse();
	}

}
