package dev.onair.gateway.room;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
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

	private final KafkaSends kafka;

	private final Sessions sessions;

	private final String gateway;

	private final PresenceHeartbeat heartbeat;

	PresenceReporter(KafkaSends kafka, Sessions sessions, GatewayProperties properties) {
		this.kafka = kafka;
		this.sessions = sessions;
		this.gateway = properties.id();
		this.heartbeat = new PresenceHeartbeat(kafka, this.gateway);
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
	void heartbeat() {
		Map<String, List<String>> viewers = new HashMap<>();
		for (String room : this.sessions.rooms()) {
			viewers.put(room,
					this.sessions.inRoom(room)
						.stream()
						.filter((session) -> session.roleIn(room) == Role.VIEWER)
						.map(Session::id)
						.toList());
		}
		this.heartbeat.send(viewers);
	}

	private Mono<Void> produce(SessionEvent event) {
		return this.kafka.send(Topics.PRESENCE_SESSIONS, event.room(), event);
	}

}
