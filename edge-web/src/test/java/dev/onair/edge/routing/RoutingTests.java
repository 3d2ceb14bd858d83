package dev.onair.edge.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public origin forwards each path to the service that owns it, unchanged, and
 * spreads WebSocket connections over every gateway instance with their {@code Origin}
 * intact. The services are loopback stubs that answer with who they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RoutingTests {

	/** What the test's client and stubs accept: more than any frame here. */
	private static final int LARGE_FRAMES = 1 << 20;

	private static final DisposableServer broadcast = stub("broadcast");

	private static final DisposableServer presence = stub("presence");

	private static final DisposableServer search = stub("search");

	private static final DisposableServer gatewayA = stub("gateway-a");

	private static final DisposableServer gatewayB = stub("gateway-b");

	@Autowired
	private WebTestClient web;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		registry.add("onair.edge.routing.broadcast", () -> url(broadcast));
		registry.add("onair.edge.routing.presence", () -> url(presence));
		registry.add("onair.edge.routing.search", () -> url(search));
		registry.add("onair.edge.routing.gateways", () -> url(gatewayA) + "," + url(gatewayB));
	}

	@AfterAll
	static void stopStubs() {
		for (DisposableServer server : new DisposableServer[] { broadcast, presence, search, gatewayA, gatewayB }) {
			server.disposeNow();
		}
	}

	@Test
	void routesEachApiToItsServiceWithPathAndQueryUnchanged() {
		expectForwarded("/api/broadcasts", "broadcast /api/broadcasts");
		expectForwarded("/api/broadcasts/b-1/thumbnail", "broadcast /api/broadcasts/b-1/thumbnail");
		expectForwarded("/api/rooms/b-1/viewers", "presence /api/rooms/b-1/viewers");
		expectForwarded("/api/search?q=게임&status=LIVE", "search /api/search?q=%EA%B2%8C%EC%9E%84&status=LIVE");
	}

	@Test
	void routesWhipAndWhepToTheGatewaysNotToBroadcastService() {
		for (String path : List.of("/api/broadcasts/b-1/whip", "/api/broadcasts/b-1/whip/w-0123456789abcdef",
				"/api/broadcasts/b-1/whep", "/api/broadcasts/b-1/whep/p-0123456789abcdef")) {
			this.web.post()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((answer) -> assertThat(answer).isIn("gateway-a " + path, "gateway-b " + path));
		}
		expectForwarded("/api/broadcasts/b-1/whip/w-1/more", "broadcast /api/broadcasts/b-1/whip/w-1/more");
	}

	@Test
	void spreadsWebSocketsOverEveryGatewayKeepingTheOrigin() {
		ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();
		HttpHeaders headers = new HttpHeaders();
		headers.setOrigin("http://127.0.0.1:8080");
		Set<String> answers = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			client
				.execute(URI.create("ws://127.0.0.1:" + this.port + "/ws"), headers,
						(session) -> session.receive()
							.next()
							.doOnNext((message) -> answers.add(message.getPayloadAsText()))
							.then())
				.block(Duration.ofSeconds(10));
		}
		assertThat(answers).containsExactlyInAnyOrder("gateway-a origin=http://127.0.0.1:8080",
				"gateway-b origin=http://127.0.0.1:8080");
	}

	@Test
	void carriesFramesOverSixtyFourKibibytesBothWays() {
		// The gateways accept frames up to 256 KiB (and refuse those over 64 KiB with an
		// error) and may send frames over 64 KiB; a proxy at Netty's default 64 KiB
		// closed the connection instead.
		ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(HttpClient.create(),
				() -> WebsocketClientSpec.builder().maxFramePayloadLength(LARGE_FRAMES));
		HttpHeaders headers = new HttpHeaders();
		headers.setOrigin("http://127.0.0.1:8080");
		String sent = "x".repeat(100_000);
		List<String> echoes = new ArrayList<>();
		client
			.execute(URI.create("ws://127.0.0.1:" + this.port + "/ws"), headers,
					(session) -> session.send(Mono.just(session.textMessage(sent)))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).skip(1).take(1))
						.doOnNext(echoes::add)
						.then())
			.block(Duration.ofSeconds(10));
		assertThat(echoes).containsExactly(sent + sent);
	}

	private void expectForwarded(String path, String answer) {
		this.web.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo(answer);
	}

	private static String url(DisposableServer server) {
		return "http://127.0.0.1:" + server.port();
	}

	/**
	 * Answers HTTP with its name and the request URI, WebSockets with its name and
	 * Origin, then each text frame twice over.
	 */
	private static DisposableServer stub(String name) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.ws("/ws", (in, out) -> out.sendString(Mono.just(name + " origin=" + in.headers().get("Origin"))
					.concatWith(in.aggregateFrames(LARGE_FRAMES).receive().asString().map((text) -> text + text))),
						WebsocketServerSpec.builder().maxFramePayloadLength(LARGE_FRAMES).build())
				.route((request) -> true,
						(request, response) -> response.sendString(Mono.just(name + " " + request.uri()))))
			.bindNow();
	}

}
