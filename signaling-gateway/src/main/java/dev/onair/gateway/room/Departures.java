package dev.onair.gateway.room;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.onair.contract.ws.ErrorMessage;
import dev.onair.contract.ws.Left;
import dev.onair.gateway.drain.Drain;
import dev.onair.gateway.session.Frames;
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
import org.springframework.stereotype.Component;

/**
 * Sessions going from rooms without a {@code leave}: a closed connection (at once when
 * the client closed cleanly, after the resume grace when it vanished), and a publisher
 * whose seat a newer connection took. Each departure tells presence and media-service.
 */
@Component
public class Departures {

	private static final Logger log = LoggerFactory.getLogger(Departures.class);

	private final Sessions sessions;

	private final Frames frames;

	private final PresenceReporter presence;

	private final ResumeState resume;

	private final PublisherSeats seats;

	private final SignalRelay signals;

	private final Duration grace;

	private final Drain drain;

	Departures(Sessions sessions, Frames frames, PresenceReporter presence, ResumeState resume, PublisherSeats seats,
			SignalRelay signals, Drain drain, GatewayProperties properties) {
		this.sessions = sessions;
		this.frames = frames;
		this.presence = presence;
		this.resume = resume;
		this.seats = seats;
		this.signals = signals;
		this.grace = properties.resumeGrace();
		this.drain = drain;
	}

	/**
	 * A connection closed. A clean close by the client (it left the page or closed the
	 * tab) departs at once; a connection that vanished may resume on any instance within
	 * the grace, and departs after it unless it did. When this instance sent the client
	 * away (drain, failing canary) it resumes elsewhere: the instance it resumes on, and
	 * presence's heartbeat expiry, take it from there.
	 */
	public void disconnected(Session session, boolean sentAway, boolean cleanClose) {
		Map<String, Role> rooms = Map.copyOf(session.rooms());
		if (!session.started() || sentAway) {
			return;
		}
		Set<String> mediaRooms = rooms.keySet().stream().filter(session::mayHoldMediaIn).collect(Collectors.toSet());
		if (cleanClose) {
			leftAtOnce(session, rooms);
		}
		// After the grace the instance may be draining: the session is then left to the
		// instance it resumes on and to presence's heartbeat expiry.
		Mono<Boolean> departNow = cleanClose ? this.resume.forgetIfHeldBy(session)
				: Mono.delay(this.grace)
					.filter((tick) -> !this.drain.draining())
					.flatMap((tick) -> this.resume.forgetIfHeldBy(session));
		departNow.filter(Boolean::booleanValue)
			.flatMapMany((stillHere) -> Flux.fromIterable(rooms.entrySet()))
			.concatMap((entry) -> {
				boolean media = mediaRooms.contains(entry.getKey());
				return cleanClose ? leftMedia(session.id(), entry.getKey(), entry.getValue(), media)
						: departed(session.id(), entry.getKey(), entry.getValue(), media);
			})
			.subscribe(null, (ex) -> log.warn("Departure of session={} failed: {}", session.id(), ex.toString()));
	}

	/**
	 * Tells presence about a clean close without waiting for the resume check: presence
	 * ignores a leave from an instance that no longer holds the session (it resumed on
	 * another one, whose join is newer), so the count drops as soon as the tab closes.
	 * Only a newer connection of the same session here would make it wrong, and then it
	 * is not sent.
	 */
	private void leftAtOnce(Session session, Map<String, Role> rooms) {
		if (this.sessions.get(session.id()) != null) {
			return;
		}
		Flux.fromIterable(rooms.entrySet())
			.flatMap((entry) -> this.presence.left(session.id(), entry.getKey(), entry.getValue()))
			.subscribe(null,
					(ex) -> log.warn("Presence not told of session={} leaving: {}", session.id(), ex.toString()));
	}

	/**
	 * Tells presence, frees a publisher's seat and, when the session may hold media there
	 * ({@link Session#mayHoldMediaIn}), tells media-service.
	 */
	Mono<Void> departed(String session, String room, Role role, boolean media) {
		return this.presence.left(session, room, role).then(leftMedia(session, room, role, media));
	}

	private Mono<Void> leftMedia(String session, String room, Role role, boolean media) {
		Mono<Void> seat = (role == Role.PUBLISHER) ? this.seats.release(room, session) : Mono.empty();
		return seat.then(media ? this.signals.left(session, room, role) : Mono.empty());
	}

	void replaceLocalPublishers(String room, Session newcomer) {
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
				.forEach((session) -> this.seats.keep(room, session.id())
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
		// The seat is the newcomer's: departed() leaves it alone.
		this.resume.exited(session.id(), room)
			.then(departed(session.id(), room, Role.PUBLISHER, session.mayHoldMediaIn(room)))
			.subscribe(null, (ex) -> log.warn("Replacing publisher room={} failed: {}", room, ex.toString()));
	}

}
