package dev.onair.systemtest.load;

import java.time.Duration;
import java.util.List;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's join storm, against the running stack ({@code ./onair up}), in three phases
 * on one fresh room:
 * <ol>
 * <li>{@code load.sessions} viewers (10,000) connect, {@code hello} and {@code join},
 * started open-loop at {@code load.rate} (1,000/s), round-robin over the gateways (or
 * edge-web, {@code -Dload.via=edge}): join latency, errors by code, and the time from the
 * last {@code joined} until a {@code viewers} frame with the exact count reaches a
 * session;</li>
 * <li>chat fan-out: {@code load.messages} (20) at {@code load.chatRate} (2/s), taking
 * turns among {@code load.senders} (5) sessions so none exceeds the chat limit of 5 per
 * 10 s; each text carries the generator's {@link System#nanoTime()}, every session
 * records send → delivery;</li>
 * <li>an observer session joins, every other session closes cleanly (1000): time from the
 * first close until the count the observer gets is 1 (itself).</li>
 * </ol>
 * Run: {@code ./onair bench system-test JoinStormBenchmark -Dload.sessions=10000}. Prints
 * {@code BENCH load join storm: …} lines; asserts no timings.
 */
@RealInfrastructure({ Needs.STACK })
class JoinStormBenchmark {

	private static final String SCENARIO = "join storm";

	@Test
	void viewersJoinOneRoomChatAndCloseCleanly() {
		int sessions = LoadSettings.integer("load.sessions", 10_000);
		Duration settle = LoadSettings.settle();
		GeneratorCost cost = new GeneratorCost();
		try (Crowd crowd = Crowd.inFreshRoom(SCENARIO, "gateways")) {
			Crowd.report(SCENARIO, "presence-service counts " + StackProbe.viewers(crowd.room()) + " before");
			crowd.measurements().watchCount(sessions);
			crowd.joinWave(SCENARIO, sessions, LoadSettings.decimal("load.rate", 1000), LoadSettings.joinTimeout());
			if (Timing.await(settle, Timing.QUICKLY, () -> crowd.measurements().watchedSeenAt() != 0)) {
				Crowd.report(SCENARIO,
						"viewers " + sessions + " reached a session "
								+ Timing
									.millis(crowd.measurements().watchedSeenAt() - crowd.measurements().lastJoinedAt())
								+ " after the last joined");
			}
			else {
				Crowd.report(SCENARIO, "no session got viewers " + sessions + " within " + settle.toSeconds() + " s");
			}
			StackProbe.reportExactCount(SCENARIO, crowd.room(), crowd.inRoom(), settle);
			chatFanOut(crowd, settle);
			cost.report(SCENARIO, crowd.live());
			closeAllButObserver(crowd, settle);
		}
	}

	private static void chatFanOut(Crowd crowd, Duration settle) {
		int messages = LoadSettings.integer("load.messages", 20);
		double perSecond = LoadSettings.decimal("load.chatRate", 2);
		List<WsSession> senders = crowd.joined(LoadSettings.integer("load.senders", 5));
		if (senders.isEmpty() || messages == 0) {
			Crowd.report(SCENARIO, "no chat (no joined session or load.messages=0)");
			return;
		}
		int audience = crowd.inRoom();
		long expected = (long) messages * audience;
		Samples deliveries = new Samples((int) Math.min(expected, Integer.MAX_VALUE - 8));
		crowd.measurements().measureChat(deliveries);
		Timing.pace(messages, perSecond,
				(index, at) -> senders.get(index % senders.size()).chat(Measurements.CHAT_PREFIX + System.nanoTime()));
		Timing.await(settle, Timing.QUICKLY, () -> deliveries.count() >= expected);
		Crowd.report(SCENARIO,
				String.format("chat fan-out: %d messages at %.1f/s from %d senders to %d sessions: %d of %d delivered",
						messages, perSecond, senders.size(), audience, deliveries.count(), expected));
		Crowd.report(SCENARIO, "delivery latency (send -> chat.message at each session): " + deliveries.summary());
		crowd.reportErrors(SCENARIO, "errors during chat");
	}

	private static void closeAllButObserver(Crowd crowd, Duration settle) {
		Duration joinTimeout = LoadSettings.joinTimeout();
		WsSession observer = crowd.start(System.nanoTime());
		if (!Timing.await(joinTimeout, Timing.QUICKLY, () -> observer.state() == WsSession.State.JOINED)) {
			Crowd.report(SCENARIO,
					"the observer did not join within " + joinTimeout.toSeconds() + " s: no close phase");
			return;
		}
		int before = crowd.inRoom();
		boolean counted = Timing.await(settle, Timing.QUICKLY, () -> observer.viewers() == before);
		Crowd.report(SCENARIO,
				"observer joined; its count " + observer.viewers() + (counted ? "" : ", expected " + before));
		crowd.measurements().watchCount(1);
		int closedBefore = crowd.closedCleanly();
		long first = System.nanoTime();
		int closing = crowd.closeAllBut(observer);
		long written = System.nanoTime() - first;
		boolean zero = Timing.await(settle, Timing.QUICKLY, () -> crowd.measurements().watchedSeenAt() != 0);
		Timing.await(settle, Timing.QUICKLY, () -> crowd.closedCleanly() - closedBefore >= closing);
		Crowd.report(SCENARIO, String.format("%d sessions sent close 1000 within %s, %d closes completed", closing,
				Timing.millis(written), crowd.closedCleanly() - closedBefore));
		long seen = crowd.measurements().watchedSeenAt();
		Crowd.report(SCENARIO,
				zero ? "count 0 (the observer alone) reached it " + Timing.millis(seen - first)
						+ " after the first close, " + Timing.millis(seen - first - written) + " after the last"
						: "the observer still counts " + observer.viewers() + " after " + settle.toSeconds() + " s");
		StackProbe.reportExactCount(SCENARIO, crowd.room(), crowd.inRoom(), settle);
		crowd.reportErrors(SCENARIO, "errors while closing");
	}

}
