package dev.onair.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.awaitility.Awaitility.await;

/**
 * Sustained event throughput (join storms over many rooms, until every room's exact count
 * is published) and count convergence time (last join acknowledged → exact count read
 * from {@code presence.viewer-counts}). Prints results; asserts nothing about timings.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
@SpringBootTest
@Import(SessionsConsumer.class)
class PresenceBenchmark {

	private static final int ROOMS = 100;

	private static final int SESSIONS_PER_ROOM = 200;

	private static final int CONVERGENCE_ROUNDS = 40;

	@Value("${onair.kafka.prefix}")
	String prefix;

	@Autowired
	SessionsConsumer sessions;

	@Test
	void throughputAndConvergence() throws Exception {
		this.sessions.awaitAssignment(Duration.ofSeconds(30));
		List<GatewaySimulator> gateways = List.of(new GatewaySimulator(this.prefix, "gw-a"),
				new GatewaySimulator(this.prefix, "gw-b"), new GatewaySimulator(this.prefix, "gw-c"));
		try (PublishedCounts published = new PublishedCounts(this.prefix)) {
			for (int run = 0; run < 4; run++) {
				double rate = throughput(gateways, published);
				System.out.printf("BENCH presence throughput run %d: %,d events over %d rooms -> %.0f events/s%s%n",
						run, ROOMS * SESSIONS_PER_ROOM * 2, ROOMS, rate, (run == 0) ? " (warm-up)" : "");
			}
			List<Long> convergence = new ArrayList<>();
			for (int round = 0; round < CONVERGENCE_ROUNDS; round++) {
				convergence.add(convergence(gateways, published));
			}
			Collections.sort(convergence);
			System.out.printf(
					"BENCH presence convergence (%d rounds, 1,000 joins each): p50 %d ms, p95 %d ms, "
							+ "p99 %d ms, max %d ms%n",
					CONVERGENCE_ROUNDS, percentile(convergence, 50), percentile(convergence, 95),
					percentile(convergence, 99), convergence.get(convergence.size() - 1));
		}
		finally {
			gateways.forEach(GatewaySimulator::close);
		}
	}

	/** Every room fills up and empties again; the rate counts events until all read 0. */
	private double throughput(List<GatewaySimulator> gateways, PublishedCounts published) {
		List<String> rooms = new ArrayList<>();
		for (int r = 0; r < ROOMS; r++) {
			rooms.add(UUID.randomUUID().toString());
		}
		long start = System.nanoTime();
		for (int s = 0; s < SESSIONS_PER_ROOM; s++) {
			for (String room : rooms) {
				gateways.get(s % 3).join(room, "s-" + s);
			}
		}
		for (int s = 0; s < SESSIONS_PER_ROOM; s++) {
			for (String room : rooms) {
				gateways.get(s % 3).leave(room, "s-" + s);
			}
		}
		gateways.forEach(GatewaySimulator::flush);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> rooms.stream().allMatch((room) -> published.latestViewers(room) == 0));
		double seconds = (System.nanoTime() - start) / 1e9;
		return ROOMS * SESSIONS_PER_ROOM * 2 / seconds;
	}

	private long convergence(List<GatewaySimulator> gateways, PublishedCounts published) {
		String room = UUID.randomUUID().toString();
		for (int s = 0; s < 1000; s++) {
			gateways.get(s % 3).join(room, "s-" + s);
		}
		gateways.forEach(GatewaySimulator::flush);
		long lastJoin = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(2))
			.until(() -> published.latestViewers(room) == 1000);
		return Duration.ofNanos(published.latest(room).receivedNanos() - lastJoin).toMillis();
	}

	private static long percentile(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(index, 0));
	}

}
