package dev.onair.gateway.room;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reports room membership to presence-service on {@code presence.sessions}: joined/left
 * as they happen, and per room a periodic heartbeat with every viewer session held here,
 * so presence can expire the sessions of an instance that died.
 */
@Component
class PresenceReporter {

	private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);

	private final KafkaSends kafka;

	private final Sessions sessions;

	private final String gateway;

	/**
	 * Rooms heartbeated last time; a room that emptied gets one final empty heartbeat.
	 */
	private Set<String> reported = Set.of();

	PresenceReporter(KafkaSends kafka, Sessions sessions, GatewayProperties properties) {
		this.kafka = kafka;
		this.sessions = sessions;
		this.gateway = properties.id();
	}

	Mono<Void> joined(String session, String room, Role role) {
		return produce(new SessionEvent(SessionEventType.JOINED, room, this.gateway, session, role.wireName(), null,
				Instant.now()));
	}

	Mono<Void> left(String session, String room, Role role) {
		return produce(new SessionEvent(SessionEventType.LEFT, room, this.gateway, session, role.wireName(), null,
				Instant.now()));
	}

	@Scheduled(fixedRateString = "${onair.gateway.heartbeat:5s}")
	synchronized void heartbeat() {
		Set<String> rooms = new HashSet<>(this.sessions.rooms());
		Set<String> toReport = new HashSet<>(rooms);
		toReport.addAll(this.reported);
		Instant now = Instant.now();
		for (String room : toReport) {
			List<String> viewers = this.sessions.inRoom(room)
				.stream()
				.filter((session) -> session.roleIn(room) == Role.VIEWER)
				.map(Session::id)
				.toList();
			produce(new SessionEvent(SessionEventType.HEARTBEAT, room, this.gateway, null, Role.VIEWER.wireName(),
					viewers, now))
				.subscribe(null, (ex) -> log.warn("Heartbeat for room={} failed: {}", room, ex.toString()));
		}
		this.reported = rooms;
	}

	private Mono<Void> produce(SessionEvent event) {
		return this.kafka.send(Topics.PRESENCE_SESSIONS, event.room(), event);
	}

}
