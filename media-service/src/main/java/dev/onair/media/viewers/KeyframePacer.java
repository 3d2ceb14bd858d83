package dev.onair.media.viewers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides when a publisher is asked for a keyframe because viewers switched layer: the
 * bookkeeping of {@link Keyframes}, without threads or Janus, so its limits can be tested
 * with a simulated clock. Times are milliseconds on any monotonic clock.
 * <p>
 * Janus itself asks the publisher for a keyframe when a subscriber's substream changes or
 * its media starts, and the browser honours that at once unless it honoured another
 * request less than 300 ms before (Chromium's limit; Janus addresses every request to the
 * same layer), in which case the viewer waited for the periodic keyframe. So a viewer
 * still waiting after {@link #FOLLOW_UP_MILLIS} earns one more request, and requests for
 * one publisher are at least {@link #GAP_MILLIS} apart, however many viewers switch or
 * join. Where the pacer can tell that Janus's request was dropped (it came less than
 * {@link #BROWSER_LIMIT_MILLIS} after one the browser honoured, Janus's or ours), the
 * follow-up is due as soon as the browser takes requests again rather than a whole
 * follow-up later: a viewer joining 250 ms after another got its first frame ~300 ms
 * later than it needed to (CascadeBenchmark, docs/benchmarks.md). One keyframe (VP8
 * encodes every layer's at once; H.264 rooms are single-layer, rooms.PublisherOffer says
 * why) serves every viewer of the room waiting for it. Janus confirms a switch with its
 * {@code substream} event; in a single-layer room nothing confirms, so a new viewer there
 * gets one request ({@link #ONCE}).
 */
final class KeyframePacer {

	/**
	 * Just past Chromium's 300 ms keyframe limit: the request Janus made at the switch
	 * was dropped only if the browser honoured another one less than 300 ms before it, so
	 * one made now is honoured (or another keyframe already came, and serves this
	 * switch).
	 */
	static final long FOLLOW_UP_MILLIS = 310;

	/** Chromium drops a keyframe request this soon after one it honoured. */
	static final long BROWSER_LIMIT_MILLIS = 300;

	/** At most about three requests a second per publisher, whatever the viewers do. */
	static final long GAP_MILLIS = 310;

	/**
	 * Any substream: a new subscription waits for its first keyframe, on either layer.
	 */
	static final int ANY = -1;

	/** Nothing will confirm: one request, then the viewer waits no more. */
	static final int ONCE = -2;

	/**
	 * A switch not confirmed by then is left to the periodic keyframe (1 s): its viewer
	 * left, or its link is down.
	 */
	static final long GIVE_UP_MILLIS = 3_000;

	/** Unconfirmed switches by viewer handle key. */
	private final Map<String, Waiting> waiting = new HashMap<>();

	/** Per publisher (room): when we last asked it for a keyframe. */
	private final Map<String, Long> lastRequest = new HashMap<>();

	/**
	 * Per publisher (room): the last request, Janus's or ours, that came at least
	 * {@link #BROWSER_LIMIT_MILLIS} after the one before it, so the browser honoured it.
	 */
	private final Map<String, Long> honoured = new HashMap<>();

	/** Rooms whose check is scheduled. */
	private final Map<String, Long> checks = new HashMap<>();

	/**
	 * A viewer's substream was changed at {@code now} (or its media started:
	 * {@link #ANY}, {@link #ONCE}), so it waits for a keyframe. Returns when the room's
	 * check should run, or {@code -1} if one is already scheduled early enough.
	 */
	synchronized long switched(String room, String viewer, int substream, long now) {
		// Janus asked for a keyframe as it switched (or as the media started).
		long due = requested(room, now) ? now + FOLLOW_UP_MILLIS : this.honoured.get(room) + FOLLOW_UP_MILLIS;
		this.waiting.put(viewer, new Waiting(room, substream, now, due));
		return schedule(room, due);
	}

	/** Janus reported that {@code viewer} now gets {@code substream}. */
	synchronized void confirmed(String viewer, int substream) {
		Waiting switching = this.waiting.get(viewer);
		if (switching != null && (switching.substream() == substream || switching.substream() == ANY)) {
			this.waiting.remove(viewer);
		}
	}

	/** The viewer's subscription is gone; its switch waits for nothing. */
	synchronized void forget(String viewer) {
		this.waiting.remove(viewer);
	}

	/**
	 * The room's check at {@code now}: whether to ask its publisher for a keyframe now,
	 * and when to check again ({@code -1}: nothing waits any more).
	 */
	synchronized Check check(String room, long now) {
		this.checks.remove(room);
		List<String> given = new ArrayList<>();
		long nextDue = Long.MAX_VALUE;
		boolean due = false;
		for (Map.Entry<String, Waiting> entry : this.waiting.entrySet()) {
			Waiting switching = entry.getValue();
			if (!switching.room().equals(room)) {
				continue;
			}
			if (now - switching.since() >= GIVE_UP_MILLIS) {
				given.add(entry.getKey());
			}
			else if (switching.due() <= now) {
				due = true;
			}
			else {
				nextDue = Math.min(nextDue, switching.due());
			}
		}
		given.forEach(this.waiting::remove);
		long last = this.lastRequest.getOrDefault(room, Long.MIN_VALUE / 2);
		boolean request = due && now - last >= GAP_MILLIS;
		if (request) {
			this.lastRequest.put(room, now);
			requested(room, now);
			this.waiting.values()
				.removeIf((switching) -> switching.room().equals(room) && switching.due() <= now
						&& switching.substream() == ONCE);
			this.waiting.replaceAll((viewer, switching) -> (switching.room().equals(room) && switching.due() <= now)
					? switching.dueAt(now + FOLLOW_UP_MILLIS) : switching);
			nextDue = Math.min(nextDue, now + FOLLOW_UP_MILLIS);
		}
		else if (due) {
			nextDue = Math.min(nextDue, last + GAP_MILLIS);
		}
		if (nextDue == Long.MAX_VALUE) {
			if (this.waiting.values().stream().noneMatch((switching) -> switching.room().equals(room))) {
				this.lastRequest.remove(room);
				this.honoured.remove(room);
			}
			return new Check(request, -1);
		}
		long next = Math.max(nextDue, this.lastRequest.getOrDefault(room, Long.MIN_VALUE / 2) + GAP_MILLIS);
		return new Check(request, schedule(room, next));
	}

	/** Viewers whose switch is unconfirmed, for tests and metrics. */
	synchronized int waiting() {
		return this.waiting.size();
	}

	/** A request reached the publisher at {@code at}: whether the browser honoured it. */
	private boolean requested(String room, long at) {
		Long last = this.honoured.get(room);
		if (last != null && at - last < BROWSER_LIMIT_MILLIS) {
			return false;
		}
		this.honoured.put(room, at);
		return true;
	}

	private long schedule(String room, long at) {
		Long scheduled = this.checks.get(room);
		if (scheduled != null && scheduled <= at) {
			return -1;
		}
		this.checks.put(room, at);
		return at;
	}

	/**
	 * @param request ask the publisher for a keyframe now
	 * @param nextAt when to check the room again, {@code -1} for never
	 */
	record Check(boolean request, long nextAt) {
	}

	private record Waiting(String room, int substream, long since, long due) {

		Waiting dueAt(long newDue) {
			return new Waiting(this.room, this.substream, this.since, newDue);
		}

	}

}
