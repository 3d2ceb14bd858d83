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

	private MediaKeys() {
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

	/** Hash: viewer session → its {@code Viewer} record (handle, video mid, quality). */
	public static String viewers(String room) {
		return "media:viewers:" + room;
	}

}
