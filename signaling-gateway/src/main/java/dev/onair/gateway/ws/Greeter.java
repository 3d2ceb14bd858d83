package dev.onair.gateway.ws;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.ws.Hello;
import dev.onair.contract.ws.Welcome;
import dev.onair.contract.ws.WsMessages;
import dev.onair.gateway.room.RoomMembership;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.SessionTokens;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.session.VisibleText;
import dev.onair.gateway.turn.TurnCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Answers {@code hello}: a new session, or the one a valid token names (resumed with its
 * rooms), plus fresh TURN credentials.
 */
@Component
class Greeter {

	private static final Logger log = LoggerFactory.getLogger(Greeter.class);

	private static final int MAX_NAME = 32;

	private final Sessions sessions;

	private final SessionTokens tokens;

	private final TurnCredentials turn;

	private final RoomMembership rooms;

	private final Frames frames;

	Greeter(Sessions sessions, SessionTokens tokens, TurnCredentials turn, RoomMembership rooms, Frames frames) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.turn = turn;
		this.rooms = rooms;
		this.frames = frames;
	}

	Mono<Void> hello(Session session, Hello hello) {
		if (session.started()) {
			throw new Refusal("session.already-started", "This connection already has session " + session.id());
		}
		if (hello.v() == null) {
			throw new Refusal("field.missing", "hello needs v (protocol version " + WsMessages.VERSION + ")");
		}
		if (hello.v() != WsMessages.VERSION) {
			throw new Refusal("protocol.version", "This gateway speaks protocol version " + WsMessages.VERSION);
		}
		Instant now = Instant.now();
		SessionTokens.Identity identity = this.tokens.verify(hello.token(), now);
		boolean resumed = identity != null;
		String id = resumed ? identity.session()
				: "s-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
		String name = resumed ? identity.name() : displayName(hello.name());
		session.start(id, name);
		Session older = this.sessions.started(session);
		if (older != null) {
			older.close("replaced", CloseStatus.GOING_AWAY.withReason("session resumed on another connection"));
		}
		// One INFO line per join is enough at 1,000 joins a second; this one is for
		// debugging.
		log.debug("Session started session={} resumed={}", id, resumed);
		session.iceServersIssued(now);
		this.frames.send(session, new Welcome(WsMessages.VERSION, id, name, this.tokens.mint(id, name, now),
				this.turn.iceServers(id, now), resumed));
		return this.rooms.started(session, resumed);
	}

	private static String displayName(String wanted) {
		if (wanted == null || wanted.isBlank()) {
			return "viewer-" + ThreadLocalRandom.current().nextInt(1000, 10000);
		}
		String name = VisibleText.clean(wanted);
		int length = name.codePointCount(0, name.length());
		if (length == 0 || length > MAX_NAME) {
			throw new Refusal("field.invalid", "name must have 1–" + MAX_NAME + " characters");
		}
		return name;
	}

}
