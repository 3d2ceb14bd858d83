package dev.onair.edge.routing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * broadcast-service limits creation per client address, which it learns from the
 * {@code X-Forwarded-For} edge-web writes: the connecting peer, appended to what trusted
 * proxies in front said, and nothing a client wrote itself. By default nobody is trusted;
 * this test's client on loopback is an untrusted visitor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ForwardedForTests {

	private static final DisposableServer broadcast = echoForwardedFor();

	@Autowired
	private WebTestClient web;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		routeBroadcastsTo(broadcast, registry);
	}

	@AfterAll
	static void stopStub() {
		broadcast.disposeNow();
	}

	@Test
	void theServiceSeesTheConnectingPeerAndNotWhatTheClientClaims() {
		this.web.post()
			.uri("/api/broadcasts")
			.header("X-Forwarded-For", "203.0.113.9")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("for=[127.0.0.1]");
		this.web.post()
			.uri("/api/broadcasts")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("for=[127.0.0.1]");
	}

	/** A broadcast-service stub that answers with the X-Forwarded-For it got. */
	static DisposableServer echoForwardedFor() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.route((request) -> true,
					(request, response) -> response
						.sendString(Mono.just("for=" + request.requestHeaders().getAll("X-Forwarded-For")))))
			.bindNow();
	}

	static void routeBroadcastsTo(DisposableServer stub, DynamicPropertyRegistry registry) {
		registry.add("onair.edge.routing.broadcast", () -> "http://127.0.0.1:" + stub.port());
	}

}
