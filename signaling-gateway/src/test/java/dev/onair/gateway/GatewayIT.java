package dev.onair.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two gateway instances (A and B) of one deployment in this JVM, real Kafka and Redis:
 * chat, signaling relay, validation, owner tokens, TURN credentials and presence.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.TURN })
class GatewayIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String prefix;

	private static GatewayInstance a;

	private static GatewayInstance b;

	private static Map<String, Object> deployment;

	private final String room = Broadcast.open(prefix);

	private final String ownerToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(this.room, 1,
			Instant.now().plus(Duration.ofHours(1)));

	@BeforeAll
	static void startTwoInstances() {
		prefix = TestNames.uniqueId(GatewayIT.class) + ".";
		deployment = GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256));
		a = GatewayInstance.start("gw-a", deployment, Map.of());
		b = GatewayInstance.start("gw-b", deployment, Map.of("onair.gateway.turn.ttl", "3s"));
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
	}

	@Test
	void viewerAndOwnerOnDifferentInstancesChatWithHistoryDeletionAndTimeouts() {
		try (WsClient viewer = WsClient.session(a, "viewer-on-a"); WsClient owner = WsClient.session(b, "owner")) {
			join(viewer, "viewer", null);
			join(owner, "publisher", this.ownerToken);
			chat(owner, "warm-up");
			viewer.next("chat.message", text("warm-up"));

			long sent = System.nanoTime();
			chat(owner, "hello from B");
			JsonNode atViewer = viewer.next("chat.message", text("hello from B"));
			assertThat(viewer.receivedAtNanos(atViewer) - sent).as("B → A delivery nanos").isLessThan(200_000_000L);
			assertThat(atViewer.path("badge").asString()).isEqualTo("streamer");
			assertThat(atViewer.path("from").asString()).isEqualTo(owner.session());

			sent = System.nanoTime();
			chat(viewer, "  hi\u0007 from A  ");
			JsonNode atOwner = owner.next("chat.message", text("hi from A"));
			assertThat(owner.receivedAtNanos(atOwner) - sent).as("A → B delivery nanos").isLessThan(200_000_000L);
			assertThat(atOwner.path("name").asString()).isEqualTo("viewer-on-a");
			assertThat(atOwner.path("badge").isNull()).isTrue();

			try (WsClient late = WsClient.session(b, "late")) {
				late.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
				JsonNode joined = late.next("joined");
				assertThat(joined.path("history").valueStream().map((m) -> m.path("text").asString()))
					.containsSubsequence("hello from B", "hi from A");
			}

			String id = atOwner.path("id").asString();
			owner.send(Map.of("type", "chat.delete", "room", this.room, "id", id));
			viewer.next("chat.deleted", (frame) -> frame.path("id").asString().equals(id));
			owner.next("chat.deleted", (frame) -> frame.path("id").asString().equals(id));
			try (WsClient later = WsClient.session(a, "later")) {
				later.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
				assertThat(later.next("joined").path("history").valueStream().map((m) -> m.path("id").asString()))
					.isNotEmpty()
					.doesNotContain(id);
			}

			viewer.send(Map.of("type", "chat.delete", "room", this.room, "id", id, "ref", "d-1"));
			assertThat(viewer.next("error").path("code").asString()).isEqualTo("room.owner-only");

			owner.send(Map.of("type", "chat.timeout", "room", this.room, "user", viewer.session(), "seconds", 60));
			viewer.next("chat.timedout", (frame) -> frame.path("user").asString().equals(viewer.session()));
			viewer.send(Map.of("type", "chat.send", "room", this.room, "text", "let me talk", "ref", "t-1"));
			JsonNode refused = viewer.next("error");
			assertThat(refused.path("code").asString()).isEqualTo("chat.timed-out");
			assertThat(refused.path("ref").asString()).isEqualTo("t-1");
			assertThat(refused.path("retryAfterMs").asLong()).isBetween(1L, 60_000L);
		}
	}

	/**
	 * A client back from a move joins again with the last message it has and gets it and
	 * every one after it that the room still keeps, beyond the few a plain join gets (no
	 * overlap before it here: {@code ChatHistoryTests} has that).
	 */
	@Test
	void aJoinAgainWithSinceGetsEveryMessageMissedWhileTheRoomKeepsIt() {
		try (GatewayInstance small = GatewayInstance.start("gw-small-history", deployment,
				Map.of("onair.gateway.chat.history", "2", "onair.gateway.chat.kept", "4",
						"onair.gateway.chat.since-overlap", "0s"));
				WsClient viewer = WsClient.session(small, "viewer");
				WsClient owner = WsClient.session(small, "owner")) {
			join(viewer, "viewer", null);
			join(owner, "publisher", this.ownerToken);
			List<String> ids = new ArrayList<>();
			for (int i = 1; i <= 5; i++) {
				chat(owner, "m" + i);
				ids.add(viewer.next("chat.message", text("m" + i)).path("id").asString());
			}

			assertThat(texts(joinSince(viewer, ids.get(1)))).as("from m2, kept: m2..m5")
				.containsExactly("m2", "m3", "m4", "m5");
			assertThat(texts(joinSince(viewer, ids.get(3)))).containsExactly("m4", "m5");
			assertThat(texts(joinSince(viewer, ids.get(4)))).containsExactly("m5");
			assertThat(texts(joinSince(viewer, ids.get(0)))).as("m1 no longer kept: the last 2")
				.containsExactly("m4", "m5");
			owner.send(Map.of("type", "chat.delete", "room", this.room, "id", ids.get(3)));
			viewer.next("chat.deleted", (frame) -> frame.path("id").asString().equals(ids.get(3)));
			assertThat(texts(joinSince(viewer, ids.get(1)))).containsExactly("m2", "m3", "m5");
		}
	}

	private JsonNode joinSince(WsClient client, String since) {
		client.send(Map.of("type", "join", "room", this.room, "role", "viewer", "since", since));
		return client.next("joined", (frame) -> frame.path("room").asString().equals(this.room));
	}

	private static List<String> texts(JsonNode joined) {
		return joined.path("history").valueStream().map((m) -> m.path("text").asString()).toList();
	}

	@Test
	void signalingGoesToMediaKeyedByRoomAndRepliesReachExactlyTheAddressedSession() {
		try (KafkaProbe toMedia = KafkaProbe.fromEnd(prefix + Topics.SIGNAL_TO_MEDIA);
				WsClient onA = WsClient.session(a, "a1");
				WsClient addressed = WsClient.session(b, "b1");
				WsClient bystander = WsClient.session(b, "b2")) {
			for (WsClient client : List.of(onA, addressed, bystander)) {
				join(client, "viewer", null);
			}
			onA.send(Map.of("type", "watch", "room", this.room, "quality", "480p"));
			ConsumerRecord<String, String> watch = toMedia.await("watch on signal.to-media",
					(record) -> record.value().contains(onA.session()));
			assertThat(watch.key()).isEqualTo(this.room);
			JsonNode signal = JSON.readTree(watch.value());
			assertThat(signal.path("type").asString()).isEqualTo("watch");
			assertThat(signal.path("gateway").asString()).isEqualTo("gw-a");
			assertThat(signal.path("role").asString()).isEqualTo("viewer");
			assertThat(signal.path("quality").asString()).isEqualTo("480p");

			KafkaProbe.send(prefix + Topics.SIGNAL_TO_CLIENTS, this.room, """
					{"type":"offer","room":"%s","session":"%s","sdp":"v=0 for b1","at":"%s"}""".formatted(this.room,
					addressed.session(), Instant.now()));
			KafkaProbe.send(prefix + Topics.SIGNAL_TO_CLIENTS, this.room, """
					{"type":"ended","room":"%s","session":null,"at":"%s"}""".formatted(this.room, Instant.now()));
			assertThat(addressed.next("offer").path("sdp").asString()).isEqualTo("v=0 for b1");
			for (WsClient other : List.of(onA, bystander, addressed)) {
				other.next("ended");
			}
			assertThat(onA.received()).noneMatch((frame) -> frame.path("type").asString().equals("offer"));
			assertThat(bystander.received()).noneMatch((frame) -> frame.path("type").asString().equals("offer"));
		}
	}

	@Test
	void timesTheRoundTripOfARequestMediaServiceAnswers() throws Exception {
		try (KafkaProbe toMedia = KafkaProbe.fromEnd(prefix + Topics.SIGNAL_TO_MEDIA);
				WsClient viewer = WsClient.session(a, "timed")) {
			join(viewer, "viewer", null);
			viewer.send(Map.of("type", "quality", "room", this.room, "quality", "480p"));
			toMedia.await("quality on signal.to-media", (record) -> record.value().contains(viewer.session()));
			KafkaProbe.send(prefix + Topics.SIGNAL_TO_CLIENTS, this.room, """
					{"type":"layer","room":"%s","session":"%s","layer":"480p","layers":["720p","480p"],"at":"%s"}"""
				.formatted(this.room, viewer.session(), Instant.now()));
			viewer.next("layer");
		}
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(java.net.URI.create(a.base() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.body().lines())
			.filteredOn((line) -> line.startsWith("onair_signaling_latency_seconds_count{")
					&& line.contains("request=\"quality\""))
			.singleElement()
			.satisfies((line) -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.isGreaterThanOrEqualTo(1));
		assertThat(metrics.body()).contains("onair_signaling_latency_seconds_bucket{");
	}

	@Test
	void malformedInputGetsPreciseErrorsAndTheConnectionKeepsWorking() {
		try (WsClient client = WsClient.connect(a.ws())) {
			client.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
			assertError(client, "session.required");
			client.send(Map.of("type", "hello", "v", 2));
			assertError(client, "protocol.version");
			client.send(Map.of("type", "hello", "v", 1, "name", "x"));
			client.next("welcome");
			client.send(Map.of("type", "hello", "v", 1));
			assertError(client, "session.already-started");
			client.sendText("{not json");
			assertError(client, "frame.malformed");
			client.sendText("[1,2]");
			assertError(client, "frame.malformed");
			client.send(Map.of("type", "dance", "ref", "r-9"));
			assertThat(assertError(client, "message.unknown-type").path("ref").asString()).isEqualTo("r-9");
			client.send(Map.of("room", this.room));
			assertError(client, "message.unknown-type");
			client.send(Map.of("type", "join", "role", "viewer"));
			assertError(client, "field.missing");
			client.send(Map.of("type", "join", "room", this.room, "role", "king"));
			assertError(client, "field.invalid");
			client.send(Map.of("type", "join", "room", Map.of("nested", true), "role", "viewer"));
			assertError(client, "field.invalid");
			client.send(Map.of("type", "chat.send", "room", this.room, "text", "hi"));
			assertError(client, "room.not-joined");
			client.send(Map.of("type", "publish", "room", this.room, "sdp", "v=0"));
			assertError(client, "room.not-joined");
			client.sendText("{\"type\":\"chat.send\",\"room\":\"" + this.room + "\",\"text\":\"" + "x".repeat(65 * 1024)
					+ "\"}");
			assertError(client, "frame.too-large");

			join(client, "viewer", null);
			client.send(Map.of("type", "join", "room", this.room, "role", "publisher"));
			assertError(client, "room.already-joined");
			client.send(Map.of("type", "join", "room", this.room, "role", "viewer", "since", "m-1 OR 1=1"));
			assertError(client, "field.invalid");
			client.send(Map.of("type", "publish", "room", this.room, "sdp", "v=0"));
			assertError(client, "room.publisher-only");
			client.send(Map.of("type", "quality", "room", this.room, "quality", "4k"));
			assertError(client, "field.invalid");
			client.send(Map.of("type", "quality", "room", this.room));
			assertError(client, "field.missing");
			client.send(Map.of("type", "chat.send", "room", this.room, "text", "   \u0001 "));
			assertError(client, "chat.invalid-text");
			client.send(Map.of("type", "chat.send", "room", this.room, "text", "y".repeat(301)));
			assertError(client, "chat.invalid-text");
			for (int i = 1; i <= 5; i++) {
				chat(client, "message " + i);
				client.next("chat.message", text("message " + i));
			}
			client.send(Map.of("type", "chat.send", "room", this.room, "text", "message 6", "ref", "six"));
			JsonNode limited = assertError(client, "chat.rate-limited");
			assertThat(limited.path("ref").asString()).isEqualTo("six");
			assertThat(limited.path("retryAfterMs").asLong()).isBetween(1L, 10_000L);
			assertThat(limited.path("message").asString()).contains("retry in");

			List<String> more = IntStream.range(0, 4).mapToObj((i) -> Broadcast.open(prefix)).toList();
			for (String other : more.subList(0, 3)) {
				client.send(Map.of("type", "join", "room", other, "role", "viewer"));
				client.next("joined");
			}
			client.send(Map.of("type", "join", "room", more.get(3), "role", "viewer"));
			assertError(client, "room.limit");
			for (String other : more.subList(0, 3)) {
				client.send(Map.of("type", "leave", "room", other));
				client.next("left");
			}

			client.send(Map.of("type", "leave", "room", this.room));
			client.next("left");
			assertThat(client.closed()).isFalse();
		}
	}

	@Test
	void framesOverTheRateAreRefusedWithTheirRef() {
		try (WsClient client = WsClient.session(a, "flood")) {
			// Three times the 100 frames a connection may send in 2 s, as fast as it can:
			// some are over the rate however slowly they arrive.
			for (int i = 0; i < 300; i++) {
				client.send(Map.of("type", "leave", "room", "nowhere", "ref", "f-" + i));
			}
			JsonNode limited = client.next("error", (error) -> error.path("code").asString().equals("rate.limited"));
			assertThat(limited.path("ref").asString()).as("rate.limited %s", limited).matches("f-\\d+");
			assertThat(limited.path("retryAfterMs").asLong()).isBetween(1L, 2_000L);
			assertThat(client.closed()).isFalse();
		}
	}

	@Test
	void publishingNeedsTheRoomsOwnerTokenAndASecondPublisherReplacesTheFirst() {
		String otherRoomsToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint("another-room", 1,
				Instant.now().plus(Duration.ofHours(1)));
		try (WsClient first = WsClient.session(a, "streamer"); WsClient second = WsClient.session(b, "reload")) {
			first.send(Map.of("type", "join", "room", this.room, "role", "publisher"));
			assertError(first, "room.owner-token-required");
			first.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", otherRoomsToken));
			assertError(first, "room.owner-token-invalid");
			first.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", "v1.forged"));
			assertError(first, "room.owner-token-invalid");
			assertThat(first.received()).noneMatch((frame) -> frame.path("type").asString().equals("joined"));

			join(first, "publisher", this.ownerToken);
			first.send(Map.of("type", "chat.delete", "room", this.room, "id", "m-" + "0".repeat(64)));
			assertError(first, "field.invalid");
			first.send(Map.of("type", "chat.timeout", "room", this.room, "user", "s/../x", "seconds", 60));
			assertError(first, "field.invalid");
			join(second, "publisher", this.ownerToken);
			assertError(first, "room.publisher-replaced");
			first.next("left");
		}
	}

	@Test
	void roomsAreBroadcastsThatExistAndHaveNotEnded() {
		String servers = LocalStack.get().kafkaBootstrapServers();
		String endedBeforeJoin = UUID.randomUUID().toString();
		Broadcast.announce(servers, prefix, endedBeforeJoin, 3, "ENDED");
		String ownerToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(this.room, 1,
				Instant.now().plus(Duration.ofHours(1)));
		try (WsClient client = WsClient.session(a, "picky"); WsClient owner = WsClient.session(b, "owner")) {
			client.send(Map.of("type", "join", "room", UUID.randomUUID().toString(), "role", "viewer"));
			assertError(client, "room.not-found");
			client.send(Map.of("type", "join", "room", endedBeforeJoin, "role", "viewer"));
			assertError(client, "room.ended");

			join(owner, "publisher", ownerToken);
			Broadcast.announce(servers, prefix, this.room, 2, "ENDED");
			Awaitility.await("the gateways learn that the broadcast ended").atMost(Duration.ofSeconds(10)).until(() -> {
				try (WsClient probe = WsClient.session(a, "probe")) {
					probe.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
					return probe.nextOf("joined", "error").path("code").asString().equals("room.ended");
				}
			});
			owner.send(Map.of("type", "publish", "room", this.room, "sdp", "v=0"));
			assertError(owner, "room.ended");
		}
	}

	/**
	 * coturn is the one server a stranger can make send packets anywhere: with valid
	 * credentials from {@code hello} it relays to the media hosts and refuses everything
	 * else. The infrastructure's ports (Redis, Kafka, PostgreSQL) are on loopback and on
	 * the host's side of each veth (10.203.1.1).
	 */
	@Test
	void turnRelaysReachOnlyTheMediaHosts() throws Exception {
		LocalStack stack = LocalStack.get();
		try (WsClient client = WsClient.connect(a.ws())) {
			client.send(Map.of("type", "hello", "v", 1));
			JsonNode server = client.next("welcome").path("iceServers").get(0);
			String username = server.path("username").asString();
			String credential = server.path("credential").asString();
			List<String> forbidden = List.of("127.0.0.1", "10.203.1.1", "10.0.0.1", "172.16.0.1", "192.168.1.1",
					"100.64.0.1", "169.254.169.254", "0.0.0.0", "240.0.0.1");
			List<String> peers = new ArrayList<>(forbidden);
			peers.add(stack.mediaHostAddress(1));
			Map<String, Integer> results = TurnAllocation.permissions(stack.mediaHostAddress(1), stack.turnPort(),
					username, credential, peers);

			assertThat(results).containsEntry("allocation", 200).containsEntry(stack.mediaHostAddress(1), 200);
			forbidden.forEach((peer) -> assertThat(results).as("relay to " + peer).containsEntry(peer, 403));
			assertThat(TurnAllocation.allocateTcp(stack.mediaHostAddress(1), stack.turnPort(), username, credential))
				.as("TCP relays (RFC 6062) are off")
				.isEqualTo(442);
		}
	}

	@Test
	void turnCredentialsFromHelloAllocateOnCoturnExpireAndAreRefreshed() throws Exception {
		LocalStack stack = LocalStack.get();
		try (WsClient client = WsClient.connect(b.ws())) {
			client.send(Map.of("type", "hello", "v", 1));
			JsonNode server = client.next("welcome").path("iceServers").get(0);
			String username = server.path("username").asString();
			String credential = server.path("credential").asString();
			assertThat(server.path("urls").get(0).asString()).startsWith("turn:" + stack.mediaHostAddress(1));
			assertThat(username).endsWith(":" + client.session());

			assertThat(TurnAllocation.allocate(stack.mediaHostAddress(1), stack.turnPort(), username, credential))
				.as("fresh credentials")
				.isEqualTo(200);
			assertThat(TurnAllocation.allocate(stack.mediaHostAddress(1), stack.turnPort(), username, credential + "x"))
				.as("wrong password")
				.isEqualTo(401);
			org.awaitility.Awaitility.await("credentials minted with a 3 s TTL to expire")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(java.time.Duration.ofMillis(500))
				.until(() -> TurnAllocation.allocate(stack.mediaHostAddress(1), stack.turnPort(), username,
						credential) == 401);

			// Before they expire the session gets new ones (ice-servers), which allocate.
			JsonNode fresh = client.next("ice-servers",
					(frame) -> Long.parseLong(
							frame.path("iceServers").get(0).path("username").asString().split(":")[0]) > Instant.now()
								.getEpochSecond() + 1)
				.path("iceServers")
				.get(0);
			assertThat(fresh.path("username").asString()).endsWith(":" + client.session());
			assertThat(TurnAllocation.allocate(stack.mediaHostAddress(1), stack.turnPort(),
					fresh.path("username").asString(), fresh.path("credential").asString()))
				.as("refreshed credentials")
				.isEqualTo(200);
		}
	}

	@Test
	void presenceEventsAndViewerCountsFlowThroughKafka() {
		try (KafkaProbe presence = KafkaProbe.fromEnd(prefix + Topics.PRESENCE_SESSIONS);
				WsClient viewer = WsClient.session(a, "counted")) {
			join(viewer, "viewer", null);
			ConsumerRecord<String, String> joined = presence.await("JOINED on presence.sessions",
					(record) -> record.value().contains("\"JOINED\"") && record.value().contains(viewer.session()));
			assertThat(joined.key()).isEqualTo(this.room);
			presence.await("a heartbeat of gw-a listing the viewer",
					(record) -> record.value().contains("\"HEARTBEAT\"") && record.value().contains("gw-a")
							&& record.value().contains(viewer.session()));

			KafkaProbe.send(prefix + Topics.PRESENCE_VIEWER_COUNTS, this.room, """
					{"room":"%s","viewers":7,"peak":9,"at":"%s"}""".formatted(this.room, Instant.now()));
			assertThat(viewer.next("viewers").path("viewers").asLong()).isEqualTo(7);

			viewer.send(Map.of("type", "leave", "room", this.room));
			presence.await("LEFT on presence.sessions",
					(record) -> record.value().contains("\"LEFT\"") && record.value().contains(viewer.session()));
		}
	}

	@Test
	void foreignOriginsAreRefusedAndConnectionChatAndLagMetricsAreExported() throws Exception {
		assertThatThrownBy(() -> WsClient.connect(a.ws(), "https://evil.example"))
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(WebSocketHandshakeException.class)
			.satisfies(
					(ex) -> assertThat(((WebSocketHandshakeException) ex).getResponse().statusCode()).isEqualTo(403));
		HttpResponse<String> metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(java.net.URI.create(a.base() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.body()).contains("kafka_consumer_fetch_manager_records_lag")
			.contains("onair_gateway_connections")
			.contains("onair_gateway_disconnects_total")
			.contains("onair_gateway_chat_messages_total");
	}

	private void join(WsClient client, String role, String token) {
		client.send((token != null) ? Map.of("type", "join", "room", this.room, "role", role, "ownerToken", token)
				: Map.of("type", "join", "room", this.room, "role", role));
		client.next("joined", (frame) -> frame.path("room").asString().equals(this.room));
	}

	private void chat(WsClient client, String text) {
		client.send(Map.of("type", "chat.send", "room", this.room, "text", text));
	}

	private static java.util.function.Predicate<JsonNode> text(String text) {
		return (frame) -> frame.path("text").asString().equals(text);
	}

	private static JsonNode assertError(WsClient client, String code) {
		JsonNode error = client.next("error");
		assertThat(error.path("code").asString()).as("error %s", error).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotBlank();
		return error;
	}

}
