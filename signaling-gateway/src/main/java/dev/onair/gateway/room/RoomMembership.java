package dev.onair.gateway.room;

import java.util.Map;
import java.util.regex.Pattern;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.ws.ErrorMessage;
import dev.onair.contract.ws.Join;
import dev.onair.contract.ws.Joined;
import dev.onair.contract.ws.Left;
import dev.onair.gateway.chat.ChatHistory;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.signal.SignalRelay;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Joining and leaving rooms. Every change is reported to presence, to media-service (on
 * leave) and to the session's resume state, so the session can come back on any instance
 * in the same rooms.
 */
@Service
public class RoomMembership {

	private static final Logger log = LoggerFactory.getLogger(RoomMembership.class);

	/** Room ids are broadcast ids (UUIDs); this also keeps Redis keys and logs clean. */
	private static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Sessions sessions;

	private final Frames frames;

	private final ChatHistory history;

	private final PresenceReporter presence;

	private final ResumeState resume;

	private final PublisherSeats seats;

	private final SignalRelay signals;

	private final OwnerTokens ownerTokens;

	RoomMembership(Sessions sessions, Frames frames, ChatHistory history, PresenceReporter presence, ResumeState resume,
			PublisherSeats seats, SignalRelay signals, GatewayProperties properties) {
		this.sessions = sessions;
		this.frames = frames;
		this.history = history;
		this.presence = presence;
		this.resume = resume;
		this.seats = seats;
		this.signals = signals;
		this.ownerTokens = new OwnerTokens(properties.ownerTokenKey());
	}

	public Mono<Void> join(Session session, Join join) {
		if (join.room() == null || join.role() == null) {
			throw new Refusal("field.missing", "join needs room and role");
		}
		if (!ROOM_ID.matcher(join.room()).matches()) {
			throw new Refusal("field.invalid", "room must be 1–64 letters, digits, '-' or '_'");
		}
		Role role = Role.fromWire(join.role());
		if (role == null) {
			throw new Refusal("field.invalid", "role must be viewer or publisher");
		}
		if (session.roleIn(join.room()) != null) {
			throw new Refusal("room.already-joined", "Already in room " + join.room() + "; leave it first");
		}
		if (role == Role.PUBLISHER) {
			if (join.ownerToken() == null || join.ownerToken().isBlank()) {
				throw new Refusal("room.owner-token-required", "Publishing needs the broadcast's owner token");
			}
			if (!this.ownerTokens.verify(join.ownerToken(), join.room())) {
				throw new Refusal("room.owner-token-invalid", "The owner token does not belong to this room");
			}
			return this.seats.take(join.room(), session.id())
				.then(Mono.fromRunnable(() -> replaceLocalPublishers(join.room(), session)))
				.then(enter(session, join.room(), role));
		}
		return enter(session, join.room(), role);
	}

	/**
	 * A session started on this connection: it is held here from now on, and a resumed
	 * one goes back into the rooms it was in, wherever that was.
	 */
	public Mono<Void> started(Session session, boolean resumed) {
		return this.resume.hold(session).then(resumed ? resume(session) : Mono.empty());
	}

	private Mono<Void> resume(Session session) {
		return this.resume.rooms(session.id())
			.flatMapMany((rooms) -> Flux.fromIterable(rooms.entrySet()))
			.concatMap((entry) -> resumeRoom(session, entry))
			.then();
	}

	private Mono<Void> resumeRoom(Session session, Map.Entry<String, Role> entry) {
		if (entry.getValue() != Role.PUBLISHER) {
			return enter(session, entry.getKey(), entry.getValue());
		}
		return this.seats.holds(entry.getKey(), session.id())
			.flatMap((held) -> held ? enter(session, entry.getKey(), Role.PUBLISHER)
					: this.resume.exited(session.id(), entry.getKey()));
	}

	private Mono<Void> enter(Session session, String room, Role role) {
		this.sessions.enter(session, room, role);
		log.info("Joined room={} session={} role={}", room, session.id(), role.wireName());
		return this.resume.entered(session.id(), room, role)
			.then(this.presence.joined(session.id(), room, role))
			.then(this.history.recent(room))
			.doOnNext((recent) -> this.frames.send(session, new Joined(room, role.wireName(), recent)))
			.then();
	}

	public Mono<Void> leave(Session session, String room) {
		Role role = session.requireIn(room);
		this.sessions.exit(session, room);
		this.frames.send(session, new Left(room));
		return this.resume.exited(session.id(), room).then(departed(session.id(), room, role));
	}

	/**
	 * A connection closed. Unless the instance is draining (its clients will resume
	 * elsewhere), the session is reported gone from its rooms after the resume grace if
	 * it has not come back on any instance by then.
	 */
	public void disconnected(Session session, boolean draining, java.time.Duration grace) {
		Map<String, Role> rooms = Map.copyOf(session.rooms());
		if (!session.started() || draining) {
			return;
		}
		Mono.delay(grace)
			.then(this.resume.stillHeldBy(session))
			.filter(Boolean::booleanValue)
			.flatMap((vanished) -> Flux.fromIterable(rooms.entrySet())
				.concatMap((entry) -> departed(session.id(), entry.getKey(), entry.getValue()))
				.then(this.resume.forget(session.id())))
			.subscribe(null, (ex) -> log.warn("Departure of session={} failed: {}", session.id(), ex.toString()));
	}

	private Mono<Void> departed(String session, String room, Role role) {
		Mono<Void> seat = (role == Role.PUBLISHER) ? this.seats.release(room, session) : Mono.empty();
		return seat.then(this.presence.left(session, room, role)).then(this.signals.left(session, room, role));
	}

	private void replaceLocalPublishers(String room, Session newcomer) {
		this.sessions.inRoom(room)
			.stream()
			.filter((other) -> !other.id().equals(newcomer.id()) && other.roleIn(room) == Role.PUBLISHER)
			.forEach((other) -> replaced(other, room));
	}

	/**
	 * Publishers here whose seat another connection took (possibly on another instance).
	 */
	@Scheduled(fixedRateString = "${onair.gateway.heartbeat:5s}")
	void checkSeats() {
		this.sessions.rooms()
			.forEach((room) -> this.sessions.inRoom(room)
				.stream()
				.filter((session) -> session.roleIn(room) == Role.PUBLISHER)
				.forEach((session) -> this.seats.holds(room, session.id())
					.filter((held) -> !held)
					.subscribe((lost) -> replaced(session, room))));
	}

	private void replaced(Session session, String room) {
		if (session.roleIn(room) != Role.PUBLISHER) {
			return;
		}
		log.info("Publisher replaced room={} session={}", room, session.id());
		this.sessions.exit(session, room);
		this.frames.send(session, new ErrorMessage("room.publisher-replaced",
				"Another connection now publishes in this room", null, null));
		this.frames.send(session, new Left(room));
		this.resume.exited(session.id(), room)
			.then(this.presence.left(session.id(), room, Role.PUBLISHER))
			.then(this.signals.left(session.id(), room, Role.PUBLISHER))
			.subscribe(null, (ex) -> log.warn("Replacing publisher room={} failed: {}", room, ex.toString()));
	}

}
