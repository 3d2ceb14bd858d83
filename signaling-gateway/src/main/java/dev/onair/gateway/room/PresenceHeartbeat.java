package dev.onair.gateway.room;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.session.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reporter's heartbeats on {@code presence.sessions}: per room, exactly the viewer
 * sessions it holds there, so presence can expire those it no longer lists (or all of
 * them, when the reporter died); a room that emptied gets one final empty heartbeat.
 */
public final class PresenceHeartbeat {

	private static final Logger log = LoggerFactory.getLogger(PresenceHeartbeat.class);

	private final KafkaSends kafka;

	private final String reporter;

	/** Rooms heartbeated last time. */
	private Set<String> reported = Set.of();

	public PresenceHeartbeat(KafkaSends kafka, String reporter) {
		this.kafka = kafka;
		this.reporter = reporter;
	}

	/** Sends a heartbeat per room of {@code viewers} (and per room that emptied). */
	public synchronized void send(Map<String, List<String>> viewers) {
		Set<String> toReport = new HashSet<>(viewers.keySet());
		toReport.addAll(this.reported);
		Instant now = Instant.now();
		for (String room : toReport) {
			this.kafka
				.send(Topics.PRESENCE_SESSIONS, room,
						new SessionEvent(SessionEventType.HEARTBEAT, room, this.reporter, null, Role.VIEWER.wireName(),
								viewers.getOrDefault(room, List.of()), now))
				.subscribe(null,
						(ex) -> log.warn("Heartbeat of {} for room={} failed: {}", this.reporter, room, ex.toString()));
		}
		this.reported = Set.copyOf(viewers.keySet());
	}

}
