package dev.onair.systemtest.fuzz;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's fuzz run against the running stack ({@code ./onair up}): 100,000 hostile
 * WebSocket frames over 40 connections (two thirds straight to the gateways, one third
 * through edge-web) and 12,000 hostile REST requests at edge-web's {@code /api}, in a few
 * minutes (302 s on the shared 2-core stack, docs/security.md). Run:
 * {@code ./onair bench system-test FuzzBenchmark [-Dfuzz.seed=14]
 * [-Dfuzz.frames=…] [-Dfuzz.requests=…] [-Dfuzz.connections=…]}. Prints {@code FUZZ …}
 * lines (counts by verdict, status and code) and fails on any finding.
 */
@RealInfrastructure({ Needs.STACK })
class FuzzBenchmark {

	@Test
	void hostileFramesAndRequestsGetPreciseAnswersAndLeaveEveryServiceUp() throws Exception {
		FuzzTally tally = new FuzzRun(100_000, 12_000, 40).run();
		assertThat(tally.findingCounts()).as("findings (see the FUZZ lines)").isEmpty();
	}

}
