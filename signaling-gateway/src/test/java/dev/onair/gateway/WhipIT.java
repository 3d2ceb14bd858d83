package dev.onair.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WHIP on two gateway instances with media-service played by the test: the offer goes out
 * as a {@code publish}, media-service's answer comes back with Janus's trickled
 * candidates written into it, and the publication's resource works on the other instance;
 * the room is taken while the media is live, as media-service's publisher events say, and
 * never by a studio page that only chats. Under BlockHound, as every IT.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class WhipIT {

	private static final String OFFER = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
			"a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=ice-ufrag:abcd",
			"a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa", "a=sendonly", "a=rtpmap:111 opus/48000/2",
			"m=video 9 UDP/TLS/RTP/SAVPF 102", "a=mid:1", "a=ice-ufrag:abcd", "a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa",
			"a=sendonly", "a=rtpmap:102 H264/90000", "");

	private static final String ANSWER = String.join("\r\n", "v=0", "o=- 9 9 IN IP4 10.203.1.2", "s=VideoRoom", "t=0 0",
			"a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=recvonly",
			"m=video 9 UDP/TLS/RTP/SAVPF 102", "a=mid:1", "a=recvonly", "");

	private static final String JANUS_CANDIDATE = "candidate:1 1 udp 2015363327 10.203.1.2 21000 typ host";

	private static String prefix;

	private static int database;

	private static GatewayInstance a;

	private static GatewayInstance b;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redis;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void start() {
		prefix = TestNames.uniqueId(WhipIT.class) + ".";
		database = ThreadLocalRandom.current().nextInt(1, 256);
		Map<String, Object> deployment = GatewayInstance.deployment(prefix, database);
		a = GatewayInstance.start("gw-whip-a", deployment, Map.of());
		b = GatewayInstance.start("gw-whip-b", deployment, Map.of());
		LocalStack stack = LocalStack.get();
		redisClient = RedisClient.create(RedisURI.builder()
			.withHost(stack.redisHost())
			.withPort(stack.redisPort())
			.withDatabase(database)
			.build());
		redis = redisClient.connect();
	}

	@AfterAll
	static void stop() {
		redis.close();
		redisClient.shutdown();
		b.close();
		a.close();
	}

	@Test
	void publishesOnOneInstanceAndIsTrickledAndEndedOnTheOther() throws Exception {
		String room = Broadcast.open(prefix);
		String token = token(room);
		// A studio page open beside OBS holds the room's publisher seat, to chat as the
		// owner: it publishes nothing, so it stands in nobody's way.
		redis.sync().set("gw:room:" + room + ":publisher", "s-studio");
		try (KafkaProbe toMedia = KafkaProbe.fromEnd(prefix + Topics.SIGNAL_TO_MEDIA)) {
			CompletableFuture<HttpResponse<String>> posted = this.http.sendAsync(post(a, room, token),
					HttpResponse.BodyHandlers.ofString());
			ConsumerRecord<String, String> publish = toMedia.await("publish of the offer",
					(record) -> record.value().contains("\"type\":\"publish\""));
			String session = field(publish.value(), "session");
			assertThat(session).matches("w-[0-9a-f]{16}");
			assertThat(publish.value()).contains("\"role\":\"publisher\"").contains("\"gateway\":\"gw-whip-a\"");
			// As Janus does it: a candidate may come before the answer it belongs to.
			reply(room, session, "\"type\":\"ice\",\"candidate\":{\"candidate\":\"" + JANUS_CANDIDATE
					+ "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
			reply(room, session, "\"type\":\"answer\",\"sdp\":\"" + ANSWER.replace("\r\n", "\\r\\n") + "\"");
			reply(room, session, "\"type\":\"ice\",\"candidate\":null");

			HttpResponse<String> created = posted.get();
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			assertThat(created.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/sdp"));
			String location = created.headers().firstValue("Location").orElseThrow();
			assertThat(location).isEqualTo("/api/broadcasts/" + room + "/whip/" + session);
			assertThat(created.headers().allValues("Link")).singleElement()
				.satisfies((link) -> assertThat(link).startsWith("<turn:")
					.contains("rel=\"ice-server\"")
					.contains("username=\"")
					.contains(":" + session + "\""));
			assertThat(created.body())
				.contains("a=mid:0\r\na=recvonly\r\na=" + JANUS_CANDIDATE + "\r\na=end-of-candidates\r\nm=video");
			assertThat(redis.sync().ttl("gw:room:" + room + ":whip")).as("an offer's claim").isBetween(1L, 30L);

			HttpResponse<String> second = this.http.send(post(b, room, token), HttpResponse.BodyHandlers.ofString());
			assertThat(second.statusCode()).as("a second encoder").isEqualTo(409);
			assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");

			HttpResponse<String> trickled = this.http.send(patch(b, location, token, "abcd"),
					HttpResponse.BodyHandlers.ofString());
			assertThat(trickled.statusCode()).as(trickled.body()).isEqualTo(204);
			toMedia.await("the trickled candidate", (record) -> record.value().contains("\"type\":\"ice\"")
					&& record.value().contains(session) && record.value().contains("10.203.10.2"));
			toMedia.await("the end of the client's candidates", (record) -> record.value().contains("\"type\":\"ice\"")
					&& record.value().contains(session) && record.value().contains("\"candidate\":null"));
			assertThat(this.http.send(patch(b, location, token, "efgh"), HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("an ICE restart").isEqualTo(422);

			publisherEvent(room, session, "CONNECTED");
			Awaitility.await("the media is live")
				.atMost(Duration.ofSeconds(10))
				.until(() -> session.equals(redis.sync().get("gw:room:" + room + ":media")));
			redis.sync().del("gw:room:" + room + ":whip");
			assertThat(this.http.send(post(b, room, token), HttpResponse.BodyHandlers.ofString()).statusCode())
				.as("an encoder while the media of another is live")
				.isEqualTo(409);
			publisherEvent(room, session, "DISCONNECTED");
			Awaitility.await("the room is free once the media stopped")
				.atMost(Duration.ofSeconds(10))
				.until(() -> redis.sync().exists("gw:room:" + room + ":media") == 0);
			publisherEvent(room, session, "CONNECTED");
			Awaitility.await("the media is live again")
				.atMost(Duration.ofSeconds(10))
				.until(() -> redis.sync().exists("gw:room:" + room + ":media") == 1);

			assertThat(this.http.send(delete(b, location, null), HttpResponse.BodyHandlers.ofString()).statusCode())
				.as("no token")
				.isEqualTo(401);
			assertThat(this.http.send(delete(b, location, token), HttpResponse.BodyHandlers.ofString()).statusCode())
				.isEqualTo(200);
			toMedia.await("the publisher left", (record) -> record.value().contains("\"type\":\"left\"")
					&& record.value().contains(session) && record.value().contains("\"role\":\"publisher\""));
			assertThat(redis.sync().exists("gw:room:" + room + ":media")).as("the room is free").isZero();
			assertThat(redis.sync().get("gw:room:" + room + ":publisher")).as("the studio's seat")
				.isEqualTo("s-studio");
			assertThat(this.http.send(delete(a, location, token), HttpResponse.BodyHandlers.ofString()).statusCode())
				.as("ended already")
				.isEqualTo(404);
		}
	}

	@Test
	void refusesWhatCannotBePublished() throws Exception {
		String room = Broadcast.open(prefix);
		String token = token(room);
		assertThat(this.http.send(post(a, room, null), HttpResponse.BodyHandlers.ofString()).statusCode())
			.as("no token")
			.isEqualTo(401);
		assertThat(this.http.send(post(a, room, token(Broadcast.open(prefix))), HttpResponse.BodyHandlers.ofString())
			.statusCode()).as("another broadcast's token").isEqualTo(403);
		HttpResponse<String> noVideo = this.http.send(request(a, "/api/broadcasts/" + room + "/whip", token,
				"application/sdp", OFFER.substring(0, OFFER.indexOf("m=video")))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noVideo.statusCode()).isEqualTo(422);
		assertThat(noVideo.body()).contains("urn:onair:problem:sdp-unusable");
		assertThat(this.http
			.send(request(a, "/api/broadcasts/" + room + "/whip", token, "text/plain", OFFER).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(415);
		assertThat(this.http
			.send(post(a, "no-such-broadcast", token("no-such-broadcast")), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(404);
		Broadcast.announce(LocalStack.get().kafkaBootstrapServers(), prefix, room, 2, "ENDED");
		Awaitility.await("an ended broadcast is gone for WHIP")
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.http.send(post(a, room, token), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 410);
	}

	private static String token(String room) {
		return new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(room, 0,
				Instant.now().plusSeconds(3600));
	}

	private static HttpRequest.Builder request(GatewayInstance gateway, String path, String token, String type,
			String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.base() + path))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", type)
			.method((path.endsWith("/whip")) ? "POST" : "PATCH", HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private static HttpRequest post(GatewayInstance gateway, String room, String token) {
		return request(gateway, "/api/broadcasts/" + room + "/whip", token, "application/sdp", OFFER).build();
	}

	private static HttpRequest patch(GatewayInstance gateway, String location, String token, String ufrag) {
		return request(gateway, location, token, "application/trickle-ice-sdpfrag",
				String.join("\r\n", "a=ice-ufrag:" + ufrag, "a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa",
						"m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0",
						"a=candidate:1 1 udp 2122260223 10.203.10.2 50000 typ host", "a=end-of-candidates", ""))
			.build();
	}

	private static HttpRequest delete(GatewayInstance gateway, String location, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.base() + location))
			.timeout(Duration.ofSeconds(15))
			.DELETE();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.build();
	}

	private static void reply(String room, String session, String fields) {
		KafkaProbe.send(prefix + Topics.SIGNAL_TO_CLIENTS, room, "{\"room\":\"" + room + "\",\"session\":\"" + session
				+ "\"," + fields + ",\"at\":\"" + Instant.now() + "\"}");
	}

	private static void publisherEvent(String room, String session, String state) {
		KafkaProbe.send(prefix + Topics.MEDIA_PUBLISHER_EVENTS, room, "{\"room\":\"" + room + "\",\"state\":\"" + state
				+ "\",\"session\":\"" + session + "\",\"at\":\"" + Instant.now() + "\"}");
	}

	private static String field(String json, String name) {
		int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
		return json.substring(start, json.indexOf('"', start));
	}

}
