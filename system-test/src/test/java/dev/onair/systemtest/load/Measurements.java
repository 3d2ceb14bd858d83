package dev.onair.systemtest.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sessions of one run observed, counted as it arrives on the event loops: errors
 * by code, join and chat latencies, and when a watched viewer count first reached a
 * session. Nothing per frame is kept.
 */
final class Measurements {

	/**
	 * Chat texts the generator sends: this prefix, then its {@link System#nanoTime()}.
	 */
	static final String CHAT_PREFIX = "load ";

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final AtomicLong lastJoinedAt = new AtomicLong();

	private final AtomicLong watchedSeenAt = new AtomicLong();

	private volatile long watchedCount = -1;

	private volatile Samples joins = new Samples(0);

	private volatile Samples chat = new Samples(0);

	/** From now on, join latencies go to {@code samples} (one per phase). */
	void measureJoins(Samples samples) {
		this.joins = samples;
	}

	/** From now on, chat deliveries go to {@code samples}. */
	void measureChat(Samples samples) {
		this.chat = samples;
	}

	/**
	 * From now on, remember when a {@code viewers} frame with {@code count} first
	 * arrives.
	 */
	void watchCount(long count) {
		this.watchedSeenAt.set(0);
		this.watchedCount = count;
	}

	/**
	 * When the watched count first reached a session ({@link System#nanoTime()}), else 0.
	 */
	long watchedSeenAt() {
		return this.watchedSeenAt.get();
	}

	long lastJoinedAt() {
		return this.lastJoinedAt.get();
	}

	void error(String code) {
		this.errors.computeIfAbsent(code, (key) -> new LongAdder()).increment();
	}

	void joined(long latencyNanos, long at) {
		this.joins.add(latencyNanos);
		this.lastJoinedAt.accumulateAndGet(at, Math::max);
	}

	void viewers(long count, long at) {
		if (count == this.watchedCount) {
			this.watchedSeenAt.compareAndSet(0, at);
		}
	}

	/** A {@code chat.message} arrived; texts not sent by the generator are ignored. */
	void chat(String text, long at) {
		if (text.startsWith(CHAT_PREFIX)) {
			this.chat.add(at - Long.parseLong(text.substring(CHAT_PREFIX.length()).strip()));
		}
	}

	/** Errors counted since the last call, by code (sorted), and forgets them. */
	Map<String, Long> takeErrors() {
		Map<String, Long> taken = new TreeMap<>();
		this.errors.forEach((code, count) -> {
			long n = count.sumThenReset();
			if (n > 0) {
				taken.put(code, n);
			}
		});
		return taken;
	}

}
