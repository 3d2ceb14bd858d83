package dev.onair.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.onair.contract.Topics;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Departures on a fresh instance: one that vanished waits for the resume grace, a clean
 * close or a {@code leave} counts down at once, and neither stalls the instance. On main
 * before this test, the departure after the grace sent to presence and then, from the
 * Kafka producer's own network thread, to {@code signal.to-media} (no metadata yet): that
 * thread waited on itself for {@code max.block.ms} and every later join got
 * {@code unavailable}. BlockHound ({@link RealInfrastructure}) also fails the class if
 * any send blocks a thread that must not block.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class DeparturesIT {

	private static final Duration GRACE = Duration.ofSeconds(3);

	private static String prefix;

	private static GatewayInstance gateway;

	private final String room = Broadcast.open(prefix);

	@BeforeAll
	static void startFreshInstance() {
		prefix = TestNames.uniqueId(DeparturesIT.class) + ".";
		gateway = GatewayInstance.start("gw-fresh",
				GatewayInstance.deployment(prefix, ThreadLocalRandom.current().nextInt(1, 256)),
				Map.of("onair.gateway.resume-grace", GRACE.toMillis() + "ms"));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void aVanishedViewerDepartsAfterTheGraceAndFiftyJoinsThenTakeUnderASecond() throws Exception {
		try (KafkaProbe presence = KafkaProbe.fromEnd(prefix + Topics.PRESENCE_SESSIONS);
				KafkaProbe media = KafkaProbe.fromEnd(prefix + Topics.SIGNAL_TO_MEDIA)) {
			WsClient dropped = WsClient.session(gateway, "dropped");
			join(dropped);
			// It watched, so media-service must hear of its departure: the second send.
			dropped.send(Map.of("type", "watch", "room", this.room));
			String session = dropped.session();
			dropped.close();
			long droppedAt = System.nanoTime();
			presence.await("LEFT of the vanished viewer after the grace",
					(record) -> record.value().contains("\"LEFT\"") && record.value().contains(session));
			assertThat(Duration.ofNanos(System.nanoTime() - droppedAt)).as("departure waited for the resume grace")
				.isGreaterThanOrEqualTo(GRACE);
			media.await("left on signal.to-media",
					(record) -> record.value().contains("\"left\"") && record.value().contains(session));
		}

		List<WsClient> clients = connect(50);
		try {
			long start = System.nanoTime();
			clients.forEach(this::sendJoin);
			clients.forEach((client) -> assertThat(client.next("joined").path("room").asString()).isEqualTo(this.room));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("50 joins on the instance after a departure")
				.isLessThan(Duration.ofSeconds(1));
		}
		finally {
			clients.forEach(WsClient::close);
		}
	}

	@Test
	void aCleanCloseOrALeaveCountsDownAtOnceAndTellsMediaServiceOnlyOfViewersThatWatched() {
		try (KafkaProbe presence = KafkaProbe.fromEnd(prefix + Topics.PRESENCE_SESSIONS);
				KafkaProbe media = KafkaProbe.fromEnd(prefix + Topics.SIGNAL_TO_MEDIA)) {
			List<String> neverWatched = new ArrayList<>();
			for (int code : new int[] { 1000, 1001 }) {
				WsClient viewer = WsClient.session(gateway, "closes-" + code);
				join(viewer);
				String session = viewer.session();
				neverWatched.add(session);
				long closedAt = System.nanoTime();
				viewer.closeWith(code);
				presence.await("LEFT after close " + code,
						(record) -> record.value().contains("\"LEFT\"") && record.value().contains(session));
				assertThat(Duration.ofNanos(System.nanoTime() - closedAt))
					.as("close %d did not wait for a resume", code)
					.isLessThan(GRACE);
			}
			try (WsClient viewer = WsClient.session(gateway, "leaves")) {
				join(viewer);
				neverWatched.add(viewer.session());
				long leftAt = System.nanoTime();
				viewer.send(Map.of("type", "leave", "room", this.room));
				viewer.next("left");
				presence.await("LEFT after leave",
						(record) -> record.value().contains("\"LEFT\"") && record.value().contains(viewer.session()));
				assertThat(Duration.ofNanos(System.nanoTime() - leftAt)).isLessThan(GRACE);
			}
			WsClient watcher = WsClient.session(gateway, "watches");
			join(watcher);
			watcher.send(Map.of("type", "watch", "room", this.room));
			String watched = watcher.session();
			watcher.closeWith(1000);
			media.await("left on signal.to-media of the viewer that watched",
					(record) -> record.value().contains("\"left\"") && record.value().contains(watched));
			// The others went earlier: a left of theirs would have been produced by now.
			assertThat(media.seen()).as("media-service told of viewers that never watched")
				.noneMatch((record) -> neverWatched.stream().anyMatch(record.value()::contains));
		}
	}

	private void join(WsClient client) {
		sendJoin(client);
		client.next("joined");
	}

	private void sendJoin(WsClient client) {
		client.send(Map.of("type", "join", "room", this.room, "role", "viewer"));
	}

	private static List<WsClient> connect(int count) throws Exception {
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<WsClient>> futures = IntStream.range(0, count)
				.mapToObj((i) -> threads.submit(() -> WsClient.session(gateway, "storm-" + i)))
				.toList();
			return futures.stream().map((future) -> {
				try {
					return future.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException("A client could not connect and say hello", ex);
				}
			}).toList();
		}
	}

}
