package dev.onair.media;

import java.time.Duration;

/**
 * Every Redis key media-service writes, in one place. Values are JSON of the state
 * records; together they let another instance take a room over (see docs/media.md).
 */
public final class MediaKeys {

	/** Room state outlives any one instance but not an abandoned broadcast. */
	public static final Duration STATE_TTL = Duration.ofHours(24);

	/** Hash: Janus node id → rooms placed on it; the placement's load figure. */
	public static final String NODE_LOAD = "media:node-load";

	/** Hash: Janus node id → viewers (subscriber handles) on it, every room together. */
	public static final String NODE_VIEWERS = "media:node-viewers";

	/**
	 * Hash: Janus node id → its capacity in viewers, where it differs from the configured
	 * default (an operator's override; the cascade system test sets 2).
	 */
	public static final String NODE_CAPACITY = "media:node-capacity";

	/** Set: Janus node ids being drained: they take no new viewers. */
	public static final String NODE_DRAINING = "media:node-draining";

	private MediaKeys() {
	}

	/** Hash: Janus node id → JSON {@code Edge}: the room cascaded to that node. */
	public static String edges(String room) {
		return "media:edges:" + room;
	}

	private static final String ROOM_PREFIX = "media:room:";

	/** Matches every {@link #room(String)} key, for a scan. */
	public static final String ROOM_PATTERN = ROOM_PREFIX + "*";

	/** String: the room's {@code Room} record (node, Janus session, publisher handle). */
	public static String room(String room) {
		return ROOM_PREFIX + room;
	}

	/** The room id of a {@link #room(String)} key. */
	public static String roomOf(String key) {
		return key.substring(ROOM_PREFIX.length());
	}

	/**
	 * Set: sessions told {@code media.not-live} for the room: told to watch again as soon
	 * as its publisher's media reaches Janus (after a failover, before their back-off).
	 */
	public static String waiting(String room) {
		return "media:waiting:" + room;
	}

	/**
	 * How long a waiting viewer is remembered: a publisher back later finds it retrying.
	 */
	public static final Duration WAITING_TTL = Duration.ofSeconds(30);

	/** Hash: viewer session → its {@code Viewer} record (handle, video mid, quality). */
	public static String viewers(String room) {
		return "media:viewers:" + room;
	}

}
