package dev.onair.edge.routing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Behind a trusted proxy (k8s: the Ingress controller, here the test's loopback client),
 * configured as k8s does, edge-web takes the client from the proxy's
 * {@code X-Forwarded-For} and passes on just that client. A client's own header never
 * gets this far: the proxy in front replaces it, and an untrusted peer's is dropped
 * ({@link ForwardedForTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.gateway.server.webflux.trusted-proxies=127\\.0\\.0\\.1",
				"server.forward-headers-strategy=native" })
@AutoConfigureWebTestClient
class TrustedProxyForwardedForTests {

	private static final DisposableServer broadcast = ForwardedForTests.echoForwardedFor();

	@Autowired
	private WebTestClient web;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		ForwardedForTests.routeBroadcastsTo(broadcast, registry);
	}

	@AfterAll
	static void stopStub() {
		broadcast.disposeNow();
	}

	@Test
	void theClientTheProxyNamesIsPassedOn() {
		this.web.post()
			.uri("/api/broadcasts")
			.header("X-Forwarded-For", "203.0.113.9")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("for=[203.0.113.9]");
	}

}
