package dev.onair.systemtest.drill;

import java.time.Duration;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The drills too slow for every test run (a process restarted, 1-4 minutes each), on the
 * scene of {@link LiveBroadcast}: not {@code *IT}, so only {@code ./onair drill} runs
 * them. Each kill is followed at once by the start Kubernetes would do; the count must be
 * exact within 15 s of the restarted process being ready.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class Drills {

	/** After the restart: past a heartbeat TTL (15 s) and a few viewer-count rounds. */
	private static final Duration WATCHED = Duration.ofSeconds(30);

	private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(30);

	/**
	 * {@code presence-kill}: counts are in Redis and the gateways' heartbeats rebuild
	 * them; while presence is away the gateways keep their last counts.
	 */
	@Test
	void aLiveBroadcastOutlivesKillingPresence() {
		killAndStart("presence-kill", "presence-service");
	}

	/**
	 * {@code broadcast-kill}: the broadcast's state is in PostgreSQL and
	 * {@code broadcast.state}; publisher events wait in Kafka until it is back.
	 */
	@Test
	void aLiveBroadcastOutlivesKillingBroadcastService() {
		killAndStart("broadcast-kill", "broadcast-service");
	}

	/** {@code search-kill}: nothing of a live broadcast depends on search. */
	@Test
	void aLiveBroadcastOutlivesKillingSearch() {
		killAndStart("search-kill", "search-service");
	}

	/**
	 * {@code edge-web-kill}: the only edge-web, through which every page and the bot
	 * reach the gateways, killed and started again.
	 */
	@Test
	void aLiveBroadcastOutlivesKillingEdgeWeb() {
		killAndStart("edge-web-kill", "edge-web");
	}

	/**
	 * {@code redis-restart}: Redis (without persistence here) stopped and started empty.
	 */
	@Test
	void aLiveBroadcastOutlivesARedisRestart() {
		restartInfrastructure("redis-restart", "redis stopped and started empty", () -> StackProcesses.stop("redis"));
	}

	/**
	 * {@code kafka-restart}: the broker stopped, left down for 30 s (issue 15's outage),
	 * and started again with its log.
	 */
	@Test
	void aLiveBroadcastOutlivesAKafkaRestart() {
		restartInfrastructure("kafka-restart", "kafka stopped for 30 s and started again", () -> {
			StackProcesses.stop("kafka");
			StackProcesses.stayDown(KAFKA_OUTAGE);
		});
	}

	/** {@code postgres-restart}: PostgreSQL's fast shutdown, then started again. */
	@Test
	void aLiveBroadcastOutlivesAPostgresRestart() {
		restartInfrastructure("postgres-restart", "postgres stopped (fast) and started again",
				StackProcesses::stopPostgres);
	}

	/**
	 * {@code rolling-restart}: every service instance stopped (SIGTERM: gateways drain,
	 * sending their clients {@code reconnect}) and started again, one after the other, as
	 * a deploy rolls.
	 */
	@Test
	void aLiveBroadcastOutlivesARollingRestartOfEveryService() {
		LiveBroadcast.drill("rolling-restart", WATCHED, (live) -> {
			for (String service : StackProcesses.SERVICES) {
				StackProcesses.stop(service);
				StackProcesses.startServices();
			}
			return "every service stopped and started in turn";
		});
	}

	private static void killAndStart(String drill, String service) {
		LiveBroadcast.drill(drill, WATCHED, (live) -> {
			StackProcesses.kill(service);
			StackProcesses.startServices();
			return "kill -9 " + service + ", started again at once";
		});
	}

	private static void restartInfrastructure(String drill, String fault, Runnable stop) {
		LiveBroadcast.drill(drill, WATCHED, (live) -> {
			stop.run();
			StackProcesses.startInfrastructure();
			return fault;
		});
	}

}
