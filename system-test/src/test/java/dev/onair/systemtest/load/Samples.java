package dev.onair.systemtest.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies of one kind, added from any thread into a fixed array (no boxing, no lock:
 * event loops add, the benchmark thread reads after the phase), summarised as
 * nearest-rank percentiles. Samples beyond the capacity are counted, not kept.
 */
final class Samples {

	private final AtomicLongArray nanos;

	private final AtomicInteger added = new AtomicInteger();

	Samples(int capacity) {
		this.nanos = new AtomicLongArray(capacity);
	}

	void add(long latencyNanos) {
		int index = this.added.getAndIncrement();
		if (index < this.nanos.length()) {
			this.nanos.set(index, latencyNanos);
		}
	}

	int count() {
		return this.added.get();
	}

	/** {@code n …, p50 … ms, p90 …, p99 …, max …}, or {@code n 0}. */
	String summary() {
		int kept = Math.min(count(), this.nanos.length());
		if (kept == 0) {
			return "n 0";
		}
		long[] sorted = new long[kept];
		for (int i = 0; i < kept; i++) {
			sorted[i] = this.nanos.get(i);
		}
		Arrays.sort(sorted);
		String overflow = (count() > kept) ? " (" + (count() - kept) + " more not kept)" : "";
		return String.format("n %d%s, p50 %s, p90 %s, p99 %s, max %s", count(), overflow,
				Timing.millis(percentile(sorted, 50)), Timing.millis(percentile(sorted, 90)),
				Timing.millis(percentile(sorted, 99)), Timing.millis(sorted[kept - 1]));
	}

	private static long percentile(long[] sorted, int percentile) {
		return sorted[Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

}
