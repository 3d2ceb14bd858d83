package dev.onair.systemtest.drill;

import java.time.Duration;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The drills quick enough for every {@code ./onair test} (about a minute each), on the
 * scene of {@link LiveBroadcast}; {@code ./onair drill <name>} runs one of them too.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class QuickDrillsIT {

	/**
	 * {@code redis-flush}: the stack's Redis database flushed. Redis holds only what its
	 * holders rebuild (the publisher's seat, resume state, presence from heartbeats), so
	 * the broadcast stays LIVE past the publisher grace (watched 60 s: a publisher
	 * wrongly counted gone ends it 35 s after the flush), the publisher keeps publishing,
	 * the viewers keep decoding and are counted again within one heartbeat TTL (15 s). On
	 * main before issue 15 the publisher was told it was replaced, the viewers froze and
	 * the broadcast ended. The stack's services all use database 0 (integration tests
	 * take others), so that one is flushed, not the whole server.
	 */
	@Test
	void aLiveBroadcastOutlivesARedisFlush() {
		LiveBroadcast.drill("redis-flush", Duration.ofSeconds(60), (live) -> {
			StackProcesses.flushRedis();
			return "FLUSHDB of the stack's Redis database";
		});
	}

	/**
	 * {@code gateway-kill}: the signaling-gateway instance holding the publisher's
	 * connection killed. Its clients (the studio, some viewers, about half the bot)
	 * reconnect through edge-web to the other instance and resume with their tokens;
	 * media never went through a gateway. The other instance alone carries the room: the
	 * count must be exact within 15 s of the kill (watched 20 s, past the dead instance's
	 * 15 s heartbeat TTL); the killed one is started after.
	 */
	@Test
	void aLiveBroadcastOutlivesKillingThePublishersGateway() {
		LiveBroadcast.drill("gateway-kill", Duration.ofSeconds(20), (live) -> {
			String gateway = live.publisherGateway();
			StackProcesses.kill(gateway);
			return "kill -9 " + gateway + ", the publisher's";
		});
	}

	/**
	 * {@code media-service-kill}: the only media-service instance killed and started
	 * again at once, as Kubernetes restarts a pod. Media goes browser to Janus, so video
	 * goes on while no instance runs; Janus keeps the dead instance's session for 40-60 s
	 * ({@code reclaim_session_timeout}, counted from its last keepalive) and the new
	 * instance claims it when the room's {@code signal.to-media} partition is assigned to
	 * it. Watched 61 s, past the time an unclaimed session would be gone.
	 */
	@Test
	void aLiveBroadcastOutlivesARestartOfMediaService() {
		LiveBroadcast.drill("media-service-kill", Duration.ofSeconds(61), (live) -> {
			StackProcesses.kill("media-service");
			StackProcesses.startServices();
			return "kill -9 media-service, started again at once";
		});
	}

}
