package dev.onair.gateway;

import java.time.Duration;

/**
 * Every Redis key the gateways share, and its lifetime. Gateways hold no durable state;
 * these keys make chat rules and session resume hold across instances.
 */
public final class GatewayKeys {

	/** Chat history and deleted ids of a room outlive a broadcast by this much. */
	public static final Duration CHAT_TTL = Duration.ofDays(2);

	/** A session's rooms are kept as long as its token may be presented. */
	public static final Duration SESSION_TTL = Duration.ofDays(1);

	/** A canary nonce needs to outlive one trip only. */
	public static final Duration CANARY_TTL = Duration.ofSeconds(30);

	private GatewayKeys() {
	}

	/** List of the room's last chat messages (JSON), oldest first. */
	public static String chatHistory(String room) {
		return "gw:chat:" + room + ":history";
	}

	/** Set of deleted chat message ids of the room. */
	public static String chatDeleted(String room) {
		return "gw:chat:" + room + ":deleted";
	}

	/** Hash room → role of the rooms a session is in, for resume on any instance. */
	public static String sessionRooms(String session) {
		return "gw:session:" + session + ":rooms";
	}

	/**
	 * The connection (gateway id + connection id) that holds the session now; a
	 * disconnected session whose holder changed has resumed elsewhere.
	 */
	public static String sessionHolder(String session) {
		return "gw:session:" + session + ":holder";
	}

	/**
	 * Present while Redis keeps the resume state the instance wrote; gone, the instance
	 * writes its sessions' again ({@code room.ResumeState}).
	 */
	public static String resumeWritten(String gateway) {
		return "gw:resume:" + gateway + ":written";
	}

	/** The nonce of the instance's latest canary trip ({@code health.Canary}). */
	public static String canary(String gateway) {
		return "gw:canary:" + gateway;
	}

	/**
	 * Sorted set of gateway ids scored by the time (epoch ms) of their latest successful
	 * canary trip: an instance whose own trips fail looks here for another that can serve
	 * its clients before sending them away ({@code health.Canary}).
	 */
	public static final String CANARY_PASSED = "gw:canary:passed";

	/**
	 * A WHIP publication by its session id (the id in its resource URL): its room and the
	 * ICE username fragment of its offer. Lives as long as an owner token may
	 * ({@link #WHIP_TTL}).
	 */
	public static String whip(String session) {
		return "gw:whip:" + session;
	}

	/**
	 * A WHEP subscription by its session id (the id in its resource URL): its room, the
	 * ICE username fragment of its offer, Janus's first mid, the client's bundled mid and
	 * the presence reporter that counts it. Kept alive by that reporter's heartbeats.
	 */
	public static String whep(String session) {
		return "gw:whep:" + session;
	}

	/** An owner token is valid for 24 h; a publication is not kept longer. */
	public static final Duration WHIP_TTL = Duration.ofDays(1);

	/**
	 * The session whose media reaches Janus in the room, as media-service reports it
	 * (studio or WHIP); gone when it stopped. A WHIP offer is refused while it is set.
	 */
	public static String roomMedia(String room) {
		return "gw:room:" + room + ":media";
	}

	/**
	 * The WHIP session whose offer is being answered or whose media has not arrived yet,
	 * briefly: two encoders starting at once cannot both pass the check of
	 * {@link #roomMedia}.
	 */
	public static String roomWhipClaim(String room) {
		return "gw:room:" + room + ":whip";
	}

	/** The session that publishes in the room. */
	public static String roomPublisher(String room) {
		return "gw:room:" + room + ":publisher";
	}

}
