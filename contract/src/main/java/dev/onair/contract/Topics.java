package dev.onair.contract;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every Kafka topic OnAir uses. Each topic carrying room traffic is keyed by room id (=
 * broadcast id) so order holds per room. Consumers send records they cannot read to the
 * topic's dead-letter sibling ({@link #deadLetter(String)}).
 */
public final class Topics {

	/**
	 * Broadcast state snapshots, compacted, keyed by broadcast id. Owner:
	 * broadcast-service.
	 */
	public static final String BROADCAST_STATE = "broadcast.state";

	/** Publisher connected/disconnected facts, keyed by room. Owner: media-service. */
	public static final String MEDIA_PUBLISHER_EVENTS = "media.publisher-events";

	/** Client signaling for the media plane, keyed by room. Owner: signaling-gateway. */
	public static final String SIGNAL_TO_MEDIA = "signal.to-media";

	/**
	 * Media-plane replies addressed to one session, keyed by room. Owner: media-service.
	 */
	public static final String SIGNAL_TO_CLIENTS = "signal.to-clients";

	/** Chat messages and moderation actions, keyed by room. Owner: signaling-gateway. */
	public static final String CHAT_MESSAGES = "chat.messages";

	/**
	 * Each room's timeouts and bans, compacted, keyed by {@code <room>/<user>} (the
	 * latest sanction of a user in a room wins; a tombstone lifts it). Read whole by
	 * every gateway at start-up, so sanctions outlive Redis and restarts. Owner:
	 * signaling-gateway.
	 */
	public static final String MODERATION_SANCTIONS = "moderation.sanctions";

	/**
	 * Session joined/left and gateway heartbeats, keyed by room. Owner:
	 * signaling-gateway.
	 */
	public static final String PRESENCE_SESSIONS = "presence.sessions";

	/** Viewer counts per room, compacted, keyed by room. Owner: presence-service. */
	public static final String PRESENCE_VIEWER_COUNTS = "presence.viewer-counts";

	/**
	 * Each gateway's health canary: a record it produces and must read back on its own
	 * fan-out consumer within seconds, keyed by gateway id. Owner: signaling-gateway.
	 */
	public static final String GATEWAY_CANARY = "gateway.canary";

	private static final int PARTITIONS = 6;

	private static final Duration WEEK = Duration.ofDays(7);

	private static final Duration HOUR = Duration.ofHours(1);

	private static final List<TopicSpec> STREAMS = List.of(new TopicSpec(BROADCAST_STATE, PARTITIONS, true, WEEK),
			new TopicSpec(MEDIA_PUBLISHER_EVENTS, PARTITIONS, false, WEEK),
			new TopicSpec(SIGNAL_TO_MEDIA, PARTITIONS, false, HOUR),
			new TopicSpec(SIGNAL_TO_CLIENTS, PARTITIONS, false, HOUR),
			new TopicSpec(CHAT_MESSAGES, PARTITIONS, false, WEEK),
			new TopicSpec(MODERATION_SANCTIONS, PARTITIONS, true, WEEK),
			new TopicSpec(PRESENCE_SESSIONS, PARTITIONS, false, HOUR),
			new TopicSpec(PRESENCE_VIEWER_COUNTS, PARTITIONS, true, WEEK),
			new TopicSpec(GATEWAY_CANARY, 1, false, HOUR));

	/** Every topic, dead-letter topics included. */
	public static final List<TopicSpec> ALL = STREAMS.stream()
		.flatMap((spec) -> Stream.of(spec, new TopicSpec(deadLetter(spec.name()), 1, false, WEEK)))
		.toList();

	private Topics() {
	}

	/** The dead-letter topic for records of {@code topic} that could not be processed. */
	public static String deadLetter(String topic) {
		return topic + ".dlt";
	}

	public static TopicSpec spec(String name) {
		return ALL.stream()
			.filter((spec) -> spec.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown topic " + name));
	}

}
