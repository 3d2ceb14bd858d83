package dev.onair.gateway.room;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.OwnerTokens.OwnerToken;
import dev.onair.contract.ws.Join;
import dev.onair.contract.ws.Joined;
import dev.onair.contract.ws.Left;
import dev.onair.gateway.broadcast.Broadcasts;
import dev.onair.gateway.chat.ChatHistory;
import dev.onair.gateway.moderation.Sanctions;
import dev.onair.gateway.moderation.UserBanned;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Joining and leaving rooms, all or nothing: a session is in a room here, in its Redis
 * resume state and in presence, or in none of them, so a failed join or leave can simply
 * be retried. Departures of closed connections are {@link Departures}' part.
 */
@Service
public class RoomMembership {

	private static final Logger log = LoggerFactory.getLogger(RoomMembership.class);

	/**
	 * Room ids are broadcast ids (UUIDs), chat message ids the gateway's; this also keeps
	 * Redis keys and logs clean.
	 */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/**
	 * A join's remote steps (Redis, Kafka) finish within this or are undone; shorter than
	 * the dispatcher's timeout, so the undo runs before the client is told to retry.
	 */
	private static final Duration REMOTE_STEPS = Duration.ofSeconds(4);

	private final Sessions sessions;

	private final Frames frames;

	private final ChatHistory history;

	private final PresenceReporter presence;

	private final ResumeState resume;

	private final PublisherSeats seats;

	private final Departures departures;

	private final Broadcasts broadcasts;

	private final Sanctions sanctions;

	private final OwnerTokens ownerTokens;

	private final Clock clock = Clock.systemUTC();

	/** Each room costs Redis keys, heartbeats and fan-out work: a session gets a few. */
	private final int maxRooms;

	RoomMembership(Sessions sessions, Frames frames, ChatHistory history, PresenceReporter presence, ResumeState resume,
			PublisherSeats seats, Departures departures, Broadcasts broadcasts, Sanctions sanctions,
			GatewayProperties properties) {
		this.sessions = sessions;
		this.frames = frames;
		this.history = history;
		this.presence = presence;
		this.resume = resume;
		this.seats = seats;
		this.departures = departures;
		this.broadcasts = broadcasts;
		this.sanctions = sanctions;
		this.ownerTokens = new OwnerTokens(properties.ownerTokenKeys());
		this.maxRooms = properties.limits().rooms();
	}

	public Mono<Void> join(Session session, Join join) {
		if (join.room() == null || join.role() == null) {
			throw new Refusal("field.missing", "join needs room and role");
		}
		if (!ID.matcher(join.room()).matches()) {
			throw new Refusal("field.invalid", "room must be 1–64 letters, digits, '-' or '_'");
		}
		if (join.since() != null && !ID.matcher(join.since()).matches()) {
			throw new Refusal("field.invalid", "since must be a chat message id (1–64 letters, digits, '-', '_')");
		}
		Role role = Role.fromWire(join.role());
		if (role == null) {
			throw new Refusal("field.invalid", "role must be viewer or publisher");
		}
		this.sanctions.requireMayJoin(join.room(), session.id());
		Role current = session.roleIn(join.room());
		if (current == role) {
			// A client back after a move joins again, as it cannot know whether its
			// session was brought back into the room first: it gets what it missed.
			return this.history.since(join.room(), join.since())
				.doOnNext((missed) -> this.frames.send(session, new Joined(join.room(), role.wireName(), missed)))
				.then();
		}
		if (current != null) {
			throw new Refusal("room.already-joined",
					"Already in room " + join.room() + " as " + current.wireName() + "; leave it first");
		}
		if (session.rooms().size() >= this.maxRooms) {
			throw new Refusal("room.limit", "A session may be in at most " + this.maxRooms + " rooms; leave one first");
		}
		if (role == Role.PUBLISHER) {
			if (join.ownerToken() == null || join.ownerToken().isBlank()) {
				throw new Refusal("room.owner-token-required", "Publishing needs the broadcast's owner token");
			}
			OwnerToken token = this.ownerTokens.verify(join.ownerToken(), join.room())
				.orElseThrow(
						() -> new Refusal("room.owner-token-invalid", "The owner token does not belong to this room"));
			if (token.expiredAt(this.clock.instant())) {
				throw new Refusal("room.owner-token-expired",
						"The owner token expired at " + token.expiresAt() + "; re-issue it at broadcast-service");
			}
			return this.broadcasts.requireOpen(join.room(), token)
				.then(Mono.defer(() -> takeSeat(session, join.room(), join.since())));
		}
		return this.broadcasts.requireOpen(join.room())
			.then(Mono.defer(() -> enter(session, join.room(), role, join.since())));
	}

	/**
	 * The room's publisher seat, then the room; the seat is given back if entering fails.
	 */
	private Mono<Void> takeSeat(Session session, String room, String since) {
		return this.seats.take(room, session.id())
			.then(Mono.fromRunnable(() -> this.departures.replaceLocalPublishers(room, session)))
			.then(enter(session, room, Role.PUBLISHER, since))
			.onErrorResume((ex) -> this.seats.release(room, session.id())
				.onErrorResume((undo) -> Mono.empty())
				.then(Mono.error(ex)));
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

	/**
	 * Back into a room unless its broadcast ended meanwhile, the owner banned the session
	 * (or its seat was taken).
	 */
	private Mono<Void> resumeRoom(Session session, Map.Entry<String, Role> entry) {
		Mono<Boolean> stillOpen = Mono.fromRunnable(() -> this.sanctions.requireMayJoin(entry.getKey(), session.id()))
			.then(this.broadcasts.requireOpen(entry.getKey()))
			.thenReturn(true)
			.onErrorResume(Refusal.class, (refused) -> Mono.just(false));
		Mono<Boolean> mayEnter = (entry.getValue() != Role.PUBLISHER) ? stillOpen
				: stillOpen.filter(Boolean::booleanValue)
					.flatMap((open) -> this.seats.keep(entry.getKey(), session.id()))
					.defaultIfEmpty(false);
		return mayEnter.flatMap((enter) -> {
			if (!enter) {
				return this.resume.exited(session.id(), entry.getKey());
			}
			// The connection before may have watched or published there.
			session.mayHoldMedia(entry.getKey());
			return enter(session, entry.getKey(), entry.getValue(), null);
		});
	}

	/**
	 * In here first, so chat and counts fan out to the session as soon as presence knows;
	 * if a remote step fails or is too slow, every step is undone.
	 */
	private Mono<Void> enter(Session session, String room, Role role, String since) {
		this.sessions.enter(session, room, role);
		return this.resume.entered(session.id(), room, role)
			.then(this.presence.joined(session.id(), room, role))
			.then(this.history.since(room, since))
			.timeout(REMOTE_STEPS)
			.doOnNext((recent) -> {
				log.info("Joined room={} session={} role={}", room, session.id(), role.wireName());
				this.frames.send(session, new Joined(room, role.wireName(), recent));
			})
			.then()
			.onErrorResume((ex) -> undoEnter(session, room, role, ex));
	}

	private Mono<Void> undoEnter(Session session, String room, Role role, Throwable cause) {
		log.warn("Join failed room={} session={}, undoing: {}", room, session.id(), cause.toString());
		this.sessions.exit(session, room);
		return this.resume.exited(session.id(), room)
			.then(this.presence.left(session.id(), room, role))
			.timeout(REMOTE_STEPS)
			.onErrorResume((ex) -> {
				// Presence drops the session at the next heartbeat, which lists who is
				// here.
				log.warn("Undoing join room={} session={} incomplete: {}", room, session.id(), ex.toString());
				return Mono.empty();
			})
			.then(Mono.error(cause));
	}

	/**
	 * Others are told first; only then is the session out here, so a leave that fails
	 * leaves it in the room (the next heartbeat reports it again) and can be retried.
	 */
	public Mono<Void> leave(Session session, String room) {
		Role role = session.requireIn(room);
		return this.departures.departed(session.id(), room, role, session.mayHoldMediaIn(room))
			.then(this.resume.exited(session.id(), room))
			.then(Mono.fromRunnable(() -> {
				this.sessions.exit(session, room);
				this.frames.send(session, new Left(room));
				log.info("Left room={} session={}", room, session.id());
			}));
	}

	/**
	 * A banned user's session held here leaves the room as if it had sent {@code leave}:
	 * a ban also ends watching, not only chatting.
	 */
	@EventListener
	void onBanned(UserBanned banned) {
		Session session = this.sessions.get(banned.user());
		if (session == null || session.roleIn(banned.room()) == null) {
			return;
		}
		leave(session, banned.room()).subscribe(null, (ex) -> log
			.warn("Taking banned session={} out of room={} failed: {}", banned.user(), banned.room(), ex.toString()));
	}

}
