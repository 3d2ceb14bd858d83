package dev.onair.systemtest.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's churn, against the running stack: {@code load.steady} viewers (5,000) join
 * one fresh room (offered at {@code load.rate}, 1,000/s), then for {@code load.minutes}
 * (10) new viewers join at {@code load.churnRate} (50/s) while as many of the earliest
 * leave, alternately with a {@code leave} frame (then a clean close) and with a plain
 * clean close (1000). Prints {@code unavailable} refusals (the target is none), other
 * errors, the exact count at the end against the sessions in the room, and each gateway's
 * heap after GC and Redis's key count at the start and end of the churn. Run:
 * {@code ./onair bench system-test ChurnBenchmark}. Asserts no timings.
 */
@RealInfrastructure({ Needs.STACK, Needs.REDIS })
class ChurnBenchmark {

	private static final String SCENARIO = "churn";

	@Test
	void steadyViewersWithJoinsAndLeaves() {
		int steady = LoadSettings.integer("load.steady", 5000);
		double perSecond = LoadSettings.decimal("load.churnRate", 50);
		double minutes = LoadSettings.decimal("load.minutes", 10);
		Duration joinTimeout = LoadSettings.joinTimeout();
		Duration settle = LoadSettings.settle();
		GeneratorCost cost = new GeneratorCost();
		try (Crowd crowd = Crowd.inFreshRoom(SCENARIO, "gateways")) {
			Crowd.report(SCENARIO, "before any session: " + StackProbe.snapshot().describe());
			crowd.joinWave(SCENARIO, steady, LoadSettings.decimal("load.rate", 1000), joinTimeout);
			StackProbe.reportExactCount(SCENARIO, crowd.room(), crowd.inRoom(), settle);
			StackProbe.Snapshot start = StackProbe.snapshot();
			Crowd.report(SCENARIO, "churn start: " + start.describe());

			int joins = (int) Math.round(minutes * 60 * perSecond);
			int perMinute = (int) Math.max(1, Math.round(2 * 60 * perSecond));
			Samples latencies = new Samples(joins);
			crowd.measurements().measureJoins(latencies);
			Map<String, Long> errors = new TreeMap<>();
			int[] leaves = new int[2];
			long lag = Timing.pace(2 * joins, 2 * perSecond, (index, at) -> {
				if (index % 2 == 0) {
					crowd.start(at);
				}
				else {
					// Odd events leave, alternately with a leave frame and with a plain
					// close.
					boolean withLeaveFrame = index % 4 == 1;
					if (crowd.leaveOldest(withLeaveFrame)) {
						leaves[withLeaveFrame ? 0 : 1]++;
					}
				}
				if ((index + 1) % perMinute == 0) {
					Map<String, Long> minute = crowd.measurements().takeErrors();
					minute.forEach((code, count) -> errors.merge(code, count, Long::sum));
					Crowd.report(SCENARIO, String.format("minute %d: in room %d, connecting %d, errors %s",
							(index + 1) / perMinute, crowd.inRoom(), crowd.connecting(), minute));
				}
			});
			if (!Timing.await(joinTimeout, Timing.QUICKLY, () -> crowd.connecting() == 0)) {
				crowd.abortConnecting(joinTimeout);
			}
			crowd.measurements().takeErrors().forEach((code, count) -> errors.merge(code, count, Long::sum));
			Crowd.report(SCENARIO,
					String.format(
							"%d joins and %d leaves offered at %.0f/s each over %.1f min (generator behind "
									+ "schedule by %s at worst); %d left with a leave frame, %d with a plain close",
							joins, joins, perSecond, minutes, Timing.millis(lag), leaves[0], leaves[1]));
			Crowd.report(SCENARIO, "join latency during churn: " + latencies.summary());
			Crowd.report(SCENARIO, "unavailable: " + errors.getOrDefault("unavailable", 0L));
			errors.remove("unavailable");
			Crowd.report(SCENARIO, "other errors: " + (errors.isEmpty() ? "none" : errors));
			StackProbe.reportExactCount(SCENARIO, crowd.room(), crowd.inRoom(), settle);
			StackProbe.Snapshot end = StackProbe.snapshot();
			Crowd.report(SCENARIO, "churn end: " + end.describe());
			Crowd.report(SCENARIO, "change: " + end.changeSince(start));
			cost.report(SCENARIO, crowd.live());
		}
	}

}
