package dev.onair.gateway.moderation;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.onair.gateway.GoldenExamples;
import dev.onair.gateway.GoldenExamples.Example;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden sanctions on {@code moderation.sanctions} read into their records, the
 * records write exactly the golden JSON (a ban's {@code until} as {@code null}), and an
 * unknown extra field from a newer gateway is ignored.
 */
class SanctionGoldenExamplesTests {

	private static final String ROOM = "0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10";

	@TestFactory
	Stream<DynamicTest> goldenExamples() {
		return GoldenExamples.checkedBothWays(Sanction.class, List.of(
				new Example("sanction-timeout.json",
						new Sanction(ROOM, "s-91bb04", Sanction.TIMEOUT, Instant.parse("2026-11-25T12:14:10Z"),
								Instant.parse("2026-11-25T12:04:10Z"))),
				new Example("sanction-ban.json",
						new Sanction(ROOM, "s-91bb04", Sanction.BAN, null, Instant.parse("2026-11-25T12:20:00Z")))));
	}

}
