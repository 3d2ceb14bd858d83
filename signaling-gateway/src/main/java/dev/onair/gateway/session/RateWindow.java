package dev.onair.gateway.session;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A sliding-window limit: at most {@code max} events in any {@code window}. Tells how
 * long until the next event would fit, so refusals can name a retry time.
 */
public final class RateWindow {

	private final int max;

	private final long windowNanos;

	private final ArrayDeque<Long> events = new ArrayDeque<>();

	public RateWindow(int max, Duration window) {
		this.max = max;
		this.windowNanos = window.toNanos();
	}

	/**
	 * Records an event at {@code nowNanos} if it fits.
	 * @return 0 when recorded, else milliseconds until one would fit (at least 1)
	 */
	public synchronized long tryAcquire(long nowNanos) {
		while (!this.events.isEmpty() && nowNanos - this.events.peekFirst() >= this.windowNanos) {
			this.events.pollFirst();
		}
		if (this.events.size() < this.max) {
			this.events.addLast(nowNanos);
			return 0;
		}
		long waitNanos = this.events.peekFirst() + this.windowNanos - nowNanos;
		return Math.max(1, Duration.ofNanos(waitNanos).toMillis());
	}

}
