package dev.onair.systemtest.fuzz;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short fuzz run in every {@code ./onair test} (well under a minute): 2,000 hostile
 * frames over 12 connections and 800 hostile requests, from the generators and seed of
 * {@link FuzzBenchmark}, so what the full run found cannot come back unnoticed.
 */
@RealInfrastructure({ Needs.STACK })
class FuzzIT {

	@Test
	void hostileFramesAndRequestsGetPreciseAnswersAndLeaveEveryServiceUp() throws Exception {
		FuzzTally tally = new FuzzRun(2_000, 800, 12).run();
		assertThat(tally.findingCounts()).as("findings (see the FUZZ lines)").isEmpty();
	}

}
