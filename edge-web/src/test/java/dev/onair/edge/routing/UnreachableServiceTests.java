package dev.onair.edge.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service that refuses connections gets its callers a 503 problem with
 * {@code Retry-After}, not Spring Cloud Gateway's 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UnreachableServiceTests {

	@Autowired
	private WebTestClient web;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		String refusing = "http://127.0.0.1:" + closedPort();
		registry.add("onair.edge.routing.broadcast", () -> refusing);
		registry.add("onair.edge.routing.presence", () -> refusing);
		registry.add("onair.edge.routing.search", () -> refusing);
		registry.add("onair.edge.routing.gateways", () -> refusing);
	}

	@Test
	void aServiceThatRefusesConnectionsIsA503ProblemWithRetryAfter() {
		for (String path : new String[] { "/api/search?status=LIVE", "/api/broadcasts/b-1",
				"/api/rooms/b-1/viewers" }) {
			this.web.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "2")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:onair:problem:unavailable")
				.jsonPath("$.status")
				.isEqualTo(503);
		}
	}

	/** A loopback port nothing listens on: bound, then released. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
