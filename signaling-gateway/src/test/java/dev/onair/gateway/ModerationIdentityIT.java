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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A timeout is keyed by the signed session identity, not by the connection: whoever comes
 * back with a fresh {@code hello} and the same session token is the same user and stays
 * timed out in that broadcast's chat.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class ModerationIdentityIT {

	private static String prefix;

	private static GatewayInstance gateway;

	private final String room = Broadcast.open(prefix);

	@BeforeAll
	static void start() {
		prefix = TestNames.uniqueId(ModerationIdentityIT.class) + ".";
		gateway = GatewayInstance.start("gw-moderation",
				GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256)), Map.of());
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void aTimedOutUserWhoSaysHelloAgainWithItsTokenStaysTimedOut() {
		String ownerToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(this.room, 1,
				Instant.now().plus(Duration.ofHours(1)));
		try (WsClient owner = WsClient.session(gateway, "streamer")) {
			owner.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", ownerToken));
			owner.next("joined");
			String user;
			String token;
			try (WsClient troll = WsClient.connect(gateway.ws())) {
				troll.send(Map.of("type", "hello", "v", 1, "name", "troll"));
				JsonNode welcome = troll.next("welcome");
				user = welcome.path("session").asString();
				token = welcome.path("token").asString();
				troll.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
				troll.next("joined");
				owner.send(Map.of("type", "chat.timeout", "room", this.room, "user", user, "seconds", 3600));
				troll.next("chat.timedout", (frame) -> frame.path("user").asString().equals(user));
			}

			try (WsClient back = WsClient.connect(gateway.ws())) {
				back.send(Map.of("type", "hello", "v", 1, "token", token));
				assertThat(back.next("welcome").path("session").asString()).isEqualTo(user);
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

}
