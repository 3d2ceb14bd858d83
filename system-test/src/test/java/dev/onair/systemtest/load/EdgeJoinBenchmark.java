package dev.onair.systemtest.load;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's join through edge-web, the public origin's {@code /ws}, against the running
 * stack: {@code load.sessions} viewers (1,000) connect, {@code hello} and {@code join}
 * one fresh room, started open-loop at {@code load.rate} (1,000/s); prints the time from
 * the first connect to the last {@code joined}, join latency and errors by code. Run:
 * {@code ./onair bench system-test EdgeJoinBenchmark}. Asserts no timings.
 */
@RealInfrastructure({ Needs.STACK })
class EdgeJoinBenchmark {

	private static final String SCENARIO = "edge join";

	@Test
	void viewersJoinThroughEdgeWeb() {
		GeneratorCost cost = new GeneratorCost();
		try (Crowd crowd = Crowd.inFreshRoom(SCENARIO, "edge")) {
			crowd.joinWave(SCENARIO, LoadSettings.integer("load.sessions", 1000),
					LoadSettings.decimal("load.rate", 1000), LoadSettings.joinTimeout());
			cost.report(SCENARIO, crowd.live());
		}
	}

}
