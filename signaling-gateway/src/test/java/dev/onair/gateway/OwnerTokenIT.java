package dev.onair.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway refuses expired and revoked owner tokens by itself, from what
 * {@code broadcast.state} says, and accepts tokens of the previous key during a rotation.
 * This deployment verifies with a key of its own and keeps the stack's key as the
 * previous one.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class OwnerTokenIT {

	private static final String CURRENT_KEY = "gateway-owner-token-it-key-".repeat(2);

	private static String prefix;

	private static GatewayInstance gateway;

	private final String room = UUID.randomUUID().toString();

	@BeforeAll
	static void start() {
		prefix = TestNames.uniqueId(OwnerTokenIT.class) + ".";
		gateway = GatewayInstance.start("gw-owner",
				GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256)),
				Map.of("onair.gateway.owner-token-keys", CURRENT_KEY + "," + LocalStack.get().ownerTokenKey()));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void anExpiredTokenIsRefused() {
		announce(1, 1);
		String expired = mint(CURRENT_KEY, 1, Instant.now().minusSeconds(1));
		try (WsClient owner = WsClient.session(gateway, "owner")) {
			assertThat(joinAsPublisher(owner, expired)).isEqualTo("room.owner-token-expired");
			assertThat(joinAsPublisher(owner, mint(CURRENT_KEY, 1, inAnHour()))).isEqualTo("joined");
		}
	}

	@Test
	void aReissueRevokesOlderTokensOnceItsSnapshotArrives() {
		String first = mint(CURRENT_KEY, 1, inAnHour());
		announce(1, 1);
		announce(2, 2);
		Awaitility.await("the gateway learns generation 2 of " + this.room).atMost(Duration.ofSeconds(10)).until(() -> {
			try (WsClient thief = WsClient.session(gateway, "thief")) {
				return joinAsPublisher(thief, first).equals("room.owner-token-revoked");
			}
		});
		try (WsClient owner = WsClient.session(gateway, "owner")) {
			assertThat(joinAsPublisher(owner, mint(CURRENT_KEY, 2, inAnHour()))).isEqualTo("joined");
		}
		try (WsClient owner = WsClient.session(gateway, "owner-again")) {
			assertThat(joinAsPublisher(owner, mint(CURRENT_KEY, 3, inAnHour())))
				.as("a re-issue whose snapshot has not arrived yet")
				.isEqualTo("joined");
		}
	}

	@Test
	void tokensOfThePreviousKeyStillWorkAndForeignOrOldFormatTokensDoNot() {
		announce(1, 1);
		try (WsClient owner = WsClient.session(gateway, "owner")) {
			assertThat(joinAsPublisher(owner, mint("f".repeat(32), 1, inAnHour())))
				.isEqualTo("room.owner-token-invalid");
			assertThat(joinAsPublisher(owner, "v1.Vx3nYm9ndXM")).isEqualTo("room.owner-token-invalid");
			assertThat(joinAsPublisher(owner, mint(LocalStack.get().ownerTokenKey(), 1, inAnHour())))
				.isEqualTo("joined");
		}
	}

	/** "joined", or the error code the join got. */
	private String joinAsPublisher(WsClient client, String token) {
		client.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", token));
		JsonNode answer = client.nextOf("joined", "error");
		return answer.path("type").asString().equals("joined") ? "joined" : answer.path("code").asString();
	}

	private void announce(long version, long ownerGeneration) {
		KafkaProbe.send(prefix + Topics.BROADCAST_STATE, this.room, """
				{"id":"%s","version":%d,"status":"READY","title":"test","description":"","tags":[],"createdAt":"%s",
				"startedAt":null,"endedAt":null,"peakViewers":0,"thumbnailUrl":null,"ownerGeneration":%d}"""
			.formatted(this.room, version, Instant.now(), ownerGeneration));
	}

	private String mint(String key, long generation, Instant expiresAt) {
		return new OwnerTokens(List.of(key)).mint(this.room, generation, expiresAt);
	}

	private static Instant inAnHour() {
		return Instant.now().plus(Duration.ofHours(1));
	}

}
