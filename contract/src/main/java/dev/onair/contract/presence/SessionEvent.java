package dev.onair.contract.presence;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Room membership as one gateway instance sees it, on {@code presence.sessions} keyed by
 * room. presence-service keeps membership (not increments), so duplicates and replays
 * never double-count; a gateway whose heartbeats stop has its sessions expired.
 *
 * @param type joined, left or heartbeat
 * @param room room id (= broadcast id)
 * @param gateway id of the gateway instance holding the session(s)
 * @param session the session for JOINED/LEFT, {@code null} for HEARTBEAT
 * @param role {@code viewer} or {@code publisher}; publishers are not counted as viewers
 * @param sessions for HEARTBEAT: every viewer session the gateway holds in the room
 * @param at when the gateway produced the event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEvent(SessionEventType type, String room, String gateway, String session, String role,
		List<String> sessions, Instant at) {

}
