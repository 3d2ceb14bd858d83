package dev.onair.broadcast.creation;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreationRateLimitTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final CreationRateLimit limit = new CreationRateLimit(
			new CreationLimitProperties(3, Duration.ofSeconds(10), List.of("127.0.0.0/8")));

	@Test
	void aBurstAtOnceThenOneEveryRefillInterval() {
		long t0 = 1_000 * SECOND;
		assertThat(this.limit.take("a", t0)).isZero();
		assertThat(this.limit.take("a", t0)).isZero();
		assertThat(this.limit.take("a", t0)).isZero();
		assertThat(this.limit.take("a", t0)).isEqualTo(10 * SECOND);
		assertThat(this.limit.take("a", t0 + 4 * SECOND)).isEqualTo(6 * SECOND);
		assertThat(this.limit.take("a", t0 + 10 * SECOND)).isZero();
		assertThat(this.limit.take("a", t0 + 10 * SECOND)).isEqualTo(10 * SECOND);
	}

	@Test
	void addressesHaveBucketsOfTheirOwnAndAnIdleOneRefillsCompletely() {
		long t0 = 1_000 * SECOND;
		for (int i = 0; i < 3; i++) {
			this.limit.take("a", t0);
		}
		assertThat(this.limit.take("b", t0)).isZero();
		long muchLater = t0 + 3_600 * SECOND;
		for (int i = 0; i < 3; i++) {
			assertThat(this.limit.take("a", muchLater)).isZero();
		}
		assertThat(this.limit.take("a", muchLater)).isPositive();
	}

}
