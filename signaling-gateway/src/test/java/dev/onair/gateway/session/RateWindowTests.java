package dev.onair.gateway.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateWindowTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void refusesTheSixthEventInsideTheWindowAndNamesTheWait() {
		RateWindow window = new RateWindow(5, Duration.ofSeconds(10));
		for (int i = 0; i < 5; i++) {
			assertThat(window.tryAcquire(i * SECOND)).isZero();
		}
		assertThat(window.tryAcquire(6 * SECOND)).isEqualTo(4000);
	}

	@Test
	void acceptsAgainOnceTheOldestEventLeavesTheWindow() {
		RateWindow window = new RateWindow(2, Duration.ofSeconds(10));
		window.tryAcquire(0);
		window.tryAcquire(SECOND);
		assertThat(window.tryAcquire(5 * SECOND)).isPositive();
		assertThat(window.tryAcquire(10 * SECOND)).isZero();
	}

}
