package dev.onair.gateway.health;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.onair.gateway.GoldenExamples;
import dev.onair.gateway.GoldenExamples.Example;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden canary trip on {@code gateway.canary} reads into its record, the record
 * writes exactly the golden JSON, and an unknown extra field from a newer gateway is
 * ignored.
 */
class CanaryPingGoldenExamplesTests {

	@TestFactory
	Stream<DynamicTest> goldenExamples() {
		return GoldenExamples.checkedBothWays(CanaryPing.class, List.of(new Example("canary-ping.json",
				new CanaryPing("gw-a", "5f2c9a0e7b1d4c36", Instant.parse("2026-11-25T12:00:05.125Z")))));
	}

}
