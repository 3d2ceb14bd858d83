package dev.onair.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.OwnerTokens;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timeouts and bans are keyed by the signed session identity, not by the connection:
 * whoever comes back with a fresh {@code hello} and the same session token is the same
 * user and stays timed out or banned in that broadcast. They live on
 * {@code moderation.sanctions}, so neither a Redis flush nor a fresh instance forgets
 * them.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class ModerationIdentityIT {

	private static String prefix;

	private static Map<String, Object> deployment;

	private static GatewayInstance gateway;

	private final String room = Broadcast.open(prefix);

	@BeforeAll
	static void start() {
		prefix = TestNames.uniqueId(ModerationIdentityIT.class) + ".";
		deployment = GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256));
		gateway = GatewayInstance.start("gw-moderation", deployment, Map.of());
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void aTimedOutUserWhoSaysHelloAgainWithItsTokenStaysTimedOutAfterRedisLostItsData() {
		try (WsClient owner = WsClient.session(gateway, "streamer")) {
			joinAsOwner(owner);
			WsClient troll = WsClient.session(gateway, "troll");
			String user = troll.session();
			String token = troll.received().get(0).path("token").asString();
			try (troll) {
				joinAsViewer(troll);
				owner.send(Map.of("type", "chat.timeout", "room", this.room, "user", user, "seconds", 3600));
				troll.next("chat.timedout", (frame) -> frame.path("user").asString().equals(user));
			}
			flushRedis();

			try (WsClient back = helloWithToken(gateway, token, user)) {
				back.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
				JsonNode joined = back.nextOf("joined", "error");
				assertThat(joined.path("type").asString().equals("joined")
						|| joined.path("code").asString().equals("room.already-joined"))
					.as("in the room again: %s", joined)
					.isTrue();
				back.send(Map.of("type", "chat.send", "room", this.room, "text", "I'm back", "ref", "c-1"));
				JsonNode refused = back.next("error", (frame) -> frame.path("ref").asString().equals("c-1"));
				assertThat(refused.path("code").asString()).isEqualTo("chat.timed-out");
				assertThat(refused.path("retryAfterMs").asLong()).isGreaterThan(3_000_000L);
			}
		}
	}

	@Test
	void aBannedUserWhoSaysHelloAgainWithItsTokenCannotJoinOnAnyInstanceUntilUnbanned() {
		try (WsClient owner = WsClient.session(gateway, "streamer");
				WsClient bystander = WsClient.session(gateway, "bystander")) {
			joinAsOwner(owner);
			joinAsViewer(bystander);
			WsClient troll = WsClient.session(gateway, "troll");
			String user = troll.session();
			String token = troll.received().get(0).path("token").asString();
			try (troll) {
				joinAsViewer(troll);

				owner.send(Map.of("type", "chat.ban", "room", this.room, "user", user));

				troll.next("chat.banned", (frame) -> frame.path("user").asString().equals(user));
				troll.next("left", (frame) -> frame.path("room").asString().equals(this.room));
				bystander.next("chat.banned", (frame) -> frame.path("user").asString().equals(user));
				troll.send(Map.of("type", "chat.send", "room", this.room, "text", "still here?", "ref", "c-1"));
				assertThat(errorCode(troll, "c-1")).isEqualTo("room.not-joined");
			}
			flushRedis();

			try (WsClient back = helloWithToken(gateway, token, user)) {
				back.send(Map.of("type", "join", "room", this.room, "role", "viewer", "ref", "j-1"));
				assertThat(errorCode(back, "j-1")).isEqualTo("room.banned");
			}
			try (GatewayInstance fresh = GatewayInstance.start("gw-moderation-fresh", deployment, Map.of());
					WsClient elsewhere = helloWithToken(fresh, token, user)) {
				elsewhere.send(Map.of("type", "join", "room", this.room, "role", "viewer", "ref", "j-2"));
				assertThat(errorCode(elsewhere, "j-2")).as("a fresh instance read the ban from moderation.sanctions")
					.isEqualTo("room.banned");
			}

			bystander.send(Map.of("type", "chat.send", "room", this.room, "text", "unaffected"));
			owner.next("chat.message", (frame) -> frame.path("text").asString().equals("unaffected"));

			owner.send(Map.of("type", "chat.unban", "room", this.room, "user", user));
			owner.next("chat.unbanned", (frame) -> frame.path("user").asString().equals(user));
			try (WsClient forgiven = helloWithToken(gateway, token, user)) {
				joinAsViewer(forgiven);
				forgiven.send(Map.of("type", "chat.send", "room", this.room, "text", "sorry"));
				owner.next("chat.message", (frame) -> frame.path("text").asString().equals("sorry"));
			}
		}
	}

	@Test
	void sanctionsNeedTheOwnerAndAValidUser() {
		try (WsClient owner = WsClient.session(gateway, "streamer");
				WsClient viewer = WsClient.session(gateway, "viewer")) {
			joinAsOwner(owner);
			joinAsViewer(viewer);
			viewer.send(Map.of("type", "chat.ban", "room", this.room, "user", owner.session(), "ref", "b-1"));
			assertThat(errorCode(viewer, "b-1")).isEqualTo("room.owner-only");
			owner.send(Map.of("type", "chat.ban", "room", this.room, "ref", "b-2"));
			assertThat(errorCode(owner, "b-2")).isEqualTo("field.missing");
			owner.send(Map.of("type", "chat.ban", "room", this.room, "user", "x".repeat(65), "ref", "b-3"));
			assertThat(errorCode(owner, "b-3")).isEqualTo("field.invalid");
			owner.send(Map.of("type", "chat.unban", "room", this.room, "user", owner.session(), "ref", "b-4"));
			assertThat(errorCode(owner, "b-4")).isEqualTo("field.invalid");
			viewer.send(Map.of("type", "chat.send", "room", this.room, "text", "still fine"));
			owner.next("chat.message", (frame) -> frame.path("text").asString().equals("still fine"));
		}
	}

	private void joinAsOwner(WsClient owner) {
		String ownerToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(this.room, 1,
				Instant.now().plus(Duration.ofHours(1)));
		owner.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", ownerToken));
		owner.next("joined");
	}

	private void joinAsViewer(WsClient viewer) {
		viewer.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
		viewer.next("joined");
	}

	/** The code of the error answering the frame sent with {@code ref}. */
	private static String errorCode(WsClient client, String ref) {
		return client.next("error", (frame) -> frame.path("ref").asString().equals(ref)).path("code").asString();
	}

	private static WsClient helloWithToken(GatewayInstance instance, String token, String user) {
		WsClient client = WsClient.connect(instance.ws());
		client.send(Map.of("type", "hello", "v", 1, "token", token));
		assertThat(client.next("welcome").path("session").asString()).isEqualTo(user);
		return client;
	}

	private static void flushRedis() {
		gateway.context()
			.getBean(ReactiveStringRedisTemplate.class)
			.execute((connection) -> connection.serverCommands().flushDb())
			.blockLast(Duration.ofSeconds(5));
	}

}
