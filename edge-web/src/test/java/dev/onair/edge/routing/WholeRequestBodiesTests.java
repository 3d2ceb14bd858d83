package dev.onair.edge.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that answers from the headers alone, and closes the connection since it did
 * not read the body, gets the whole request at once, so its answer reaches the client (it
 * was a 500 when the body was still on its way).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class WholeRequestBodiesTests {

	private static final AtomicInteger requests = new AtomicInteger();

	/** Refuses every request at once, as an owner check does, and closes. */
	private static final DisposableServer refusing = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> {
			requests.incrementAndGet();
			return response.status(403).header(HttpHeaders.CONNECTION, "close").sendString(Mono.just("{}")).then();
		})
		.bindNow();

	@Autowired
	private WebTestClient web;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		String url = "http://127.0.0.1:" + refusing.port();
		registry.add("onair.edge.routing.broadcast", () -> url);
		registry.add("onair.edge.routing.gateways", () -> url);
	}

	@AfterAll
	static void stop() {
		refusing.disposeNow();
	}

	@Test
	void theServiceGetsTheRequestOnlyWithItsWholeBodyAndItsAnswerPasses() throws IOException {
		int before = requests.get();
		byte[] body = "{\"reason\":\"%s\"}".formatted("x".repeat(190)).getBytes(StandardCharsets.UTF_8);
		try (Socket client = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = client.getOutputStream();
			out.write(("POST /api/broadcasts/b-1/owner-token HTTP/1.1\r\nHost: onair.test\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// A client whose body follows its headers a moment later: nothing reaches the
			// service meanwhile.
			Awaitility.await()
				.during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> requests.get() == before);
			out.write(body);
			out.flush();
			assertThat(statusLine(client.getInputStream())).isEqualTo("HTTP/1.1 403 Forbidden");
		}
		assertThat(requests.get()).isEqualTo(before + 1);
	}

	@Test
	void aBodyAboveTheLimitIs413Problem() {
		this.web.post()
			.uri("/api/broadcasts")
			.bodyValue(new byte[WholeRequestBodies.MAX_BYTES + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
			line.append((char) c);
		}
		return line.toString();
	}

}
