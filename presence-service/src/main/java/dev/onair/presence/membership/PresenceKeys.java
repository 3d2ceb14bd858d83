package dev.onair.presence.membership;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import dev.onair.contract.Topics;

/**
 * Every Redis key presence-service uses, and how long it lives. A room's keys share the
 * hash tag {@code {room}}; only the lease index spans rooms.
 */
public final class PresenceKeys {

	/**
	 * Room, gateway and session ids become parts of key names and lease members, so they
	 * are restricted to characters that can never collide with the separators.
	 */
	public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	/**
	 * A room's keys outlive the topic's retention: a replay from the beginning of
	 * {@code presence.sessions} then always meets the state (and tombstones) it already
	 * produced.
	 */
	public static final Duration ROOM_TTL = Topics.spec(Topics.PRESENCE_SESSIONS).retention().multipliedBy(2);

	/**
	 * How long a left session's tombstone is kept; older events for it are already gone
	 * from the topic, so they cannot be replayed against a missing tombstone.
	 */
	public static final Duration TOMBSTONE_RETENTION = ROOM_TTL;

	/**
	 * Sorted set of {@code room|gateway} scored by the Redis time of the gateway's latest
	 * event in that room; the heartbeat sweep reads it.
	 */
	public static final String LEASES = "presence:leases";

	static final char LEASE_SEPARATOR = '|';

	private PresenceKeys() {
	}

	/**
	 * The keys the membership script takes, in its {@code KEYS} order: session states
	 * (hash session → {@code J|L at gateway}), current viewers (set), tombstones (sorted
	 * set by time left), peak (string), gateways (hash gateway → latest event time), the
	 * lease index.
	 */
	static List<String> room(String room) {
		String prefix = prefix(room);
		return List.of(prefix + "sessions", prefix + "viewers", prefix + "left", prefix + "peak", prefix + "gateways",
				LEASES);
	}

	/** Prefix of the per-gateway session sets of a room: {@code ...:gateway:<id>}. */
	static String gatewaySessionsPrefix(String room) {
		return prefix(room) + "gateway:";
	}

	static String lease(String room, String gateway) {
		return room + LEASE_SEPARATOR + gateway;
	}

	static String leasePrefix(String room) {
		return room + LEASE_SEPARATOR;
	}

	static String viewers(String room) {
		return prefix(room) + "viewers";
	}

	static String peak(String room) {
		return prefix(room) + "peak";
	}

	private static String prefix(String room) {
		return "presence:{" + room + "}:";
	}

}
