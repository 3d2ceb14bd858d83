package dev.onair.systemtest.load;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Open-loop pacing and bounded waits on the benchmark thread (never on an event loop).
 */
final class Timing {

	/** Poll interval for conditions the generator answers itself (counters, states). */
	static final Duration QUICKLY = Duration.ofMillis(2);

	private Timing() {
	}

	/** Something started at a scheduled instant ({@link System#nanoTime()}). */
	@FunctionalInterface
	interface Start {

		void at(int index, long scheduledNanos);

	}

	/**
	 * Calls {@code start} {@code count} times at {@code perSecond}, each at its scheduled
	 * instant, whatever became of the earlier ones (open loop: a slow server does not
	 * slow the offered rate down).
	 * @return how far the generator itself fell behind its schedule at worst, in nanos
	 */
	static long pace(int count, double perSecond, Start start) {
		long origin = System.nanoTime();
		long worstLag = 0;
		for (int i = 0; i < count; i++) {
			long at = origin + (long) (i * 1e9 / perSecond);
			for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			worstLag = Math.max(worstLag, System.nanoTime() - at);
			start.at(i, at);
		}
		return worstLag;
	}

	/**
	 * Polls {@code done} every {@code every} until it holds or {@code max} passed; false
	 * on time-out.
	 */
	static boolean await(Duration max, Duration every, BooleanSupplier done) {
		long deadline = System.nanoTime() + max.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			LockSupport.parkNanos(every.toNanos());
		}
		return true;
	}

	static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

}
