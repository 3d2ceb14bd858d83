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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis holds what the gateways can rebuild. Its database flushed under a live room (as a
 * restart without its data would), the publisher's instance claims the seat back instead
 * of reading it as taken, and the instance holding each session writes its resume state
 * again, so a viewer that then reconnects elsewhere resumes into its room. On main before
 * this test, the flush made the publisher's instance replace its own publisher
 * ({@code room.publisher-replaced}, {@code left}) and media-service was told it left.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class RedisLossIT {

	private static String prefix;

	private static GatewayInstance a;

	private static GatewayInstance b;

	private final String room = Broadcast.open(prefix);

	@BeforeAll
	static void startTwoInstances() {
		prefix = TestNames.uniqueId(RedisLossIT.class) + ".";
		Map<String, Object> deployment = GatewayInstance.deployment(prefix,
				ThreadLocalRandom.current().nextInt(1, 256));
		a = GatewayInstance.start("gw-a", deployment, Map.of());
		b = GatewayInstance.start("gw-b", deployment, Map.of());
	}

	@AfterAll
	static void stop() {
		a.close();
		b.close();
	}

	@Test
	void aFlushedRedisIsRewrittenByTheInstancesHoldingTheSessions() {
		String ownerToken = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(this.room, 1,
				Instant.now().plus(Duration.ofHours(1)));
		ReactiveStringRedisTemplate redis = a.context().getBean(ReactiveStringRedisTemplate.class);
		try (WsClient publisher = WsClient.session(a, "streamer")) {
			publisher.send(Map.of("type", "join", "room", this.room, "role", "publisher", "ownerToken", ownerToken));
			publisher.next("joined");
			WsClient viewer = WsClient.session(b, "viewer");
			viewer.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
			viewer.next("joined");
			String viewerToken = viewer.received().get(0).path("token").asString();

			redis.execute((connection) -> connection.serverCommands().flushDb()).blockLast(Duration.ofSeconds(5));

			Awaitility.await("the publisher's instance claims its seat back")
				.atMost(Duration.ofSeconds(10))
				.until(() -> publisher.session()
					.equals(redis.opsForValue()
						.get(GatewayKeys.roomPublisher(this.room))
						.block(Duration.ofSeconds(2))));
			Awaitility.await("the viewer's instance writes its resume state again")
				.atMost(Duration.ofSeconds(10))
				.until(() -> "viewer".equals(redis.<String, String>opsForHash()
					.get(GatewayKeys.sessionRooms(viewer.session()), this.room)
					.block(Duration.ofSeconds(2))));
			// The check that claimed the seat found it the publisher's: nothing replaced
			// it.
			publisher.send(Map.of("type", "chat.send", "room", this.room, "text", "still here"));
			viewer.next("chat.message", (frame) -> frame.path("text").asString().equals("still here"));
			publisher.next("chat.message", (frame) -> frame.path("text").asString().equals("still here"));
			assertThat(publisher.received()).as("frames to the publisher after the flush")
				.noneMatch((frame) -> frame.path("type").asString().equals("left")
						|| frame.path("code").asString().equals("room.publisher-replaced"));

			viewer.close();
			try (WsClient resumed = WsClient.connect(a.ws())) {
				resumed.send(Map.of("type", "hello", "v", 1, "token", viewerToken));
				assertThat(resumed.next("welcome").path("resumed").asBoolean()).isTrue();
				JsonNode rejoined = resumed.next("joined");
				assertThat(rejoined.path("room").asString()).isEqualTo(this.room);
				assertThat(rejoined.path("role").asString()).isEqualTo("viewer");
			}
		}
	}

}
