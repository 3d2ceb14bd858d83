package dev.onair.gateway.whip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.MediaError;
import dev.onair.contract.ws.IceServer;
import dev.onair.contract.ws.Quality;
import dev.onair.gateway.GatewayKeys;
import dev.onair.gateway.broadcast.Broadcasts;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.room.PresenceHeartbeat;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.signal.AwaitedReplies;
import dev.onair.gateway.signal.AwaitedReplies.Awaited;
import dev.onair.gateway.signal.AwaitedReplies.Reply;
import dev.onair.gateway.signal.SignalRelay;
import dev.onair.gateway.system.GatewayProperties;
import dev.onair.gateway.turn.TurnCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * A WHEP subscription's life: a {@code watch} goes to media-service under a session id of
 * its own ({@code p-…}), placed and layered as a WebSocket viewer's; Janus's offer comes
 * back, {@link WhepSdp} answers both offers, Janus's answer goes to media-service as an
 * {@code answer} and the client's is the response. Trickled candidates and the end go as
 * {@code ice} and {@code left}; any instance serves the resource (Redis holds it).
 * <p>
 * The viewer is counted like any other: this instance reports it to presence as a gateway
 * of its own ({@code <gateway id>.whep}) whose heartbeats list exactly the subscriptions
 * it made that still exist, so a DELETE on another instance, or this instance dying,
 * takes them out of the count.
 */
@Service
class WhepWatching {

	private static final Logger log = LoggerFactory.getLogger(WhepWatching.class);

	/** As for WHIP: media-service places the viewer and Janus offers in well under it. */
	private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(10);

	/** Janus trickles its candidates at once and says when it is done. */
	private static final Duration CANDIDATES_WAIT = Duration.ofSeconds(1);

	/**
	 * A subscription outlives its instance's heartbeats by this, then DELETE finds
	 * nothing.
	 */
	static final Duration TTL = Duration.ofMinutes(1);

	private static final Pattern RESOURCE = Pattern.compile("p-[0-9a-f]{16}");

	private final Broadcasts broadcasts;

	private final SignalRelay signals;

	private final AwaitedReplies replies;

	private final TurnCredentials turn;

	private final ReactiveStringRedisTemplate redis;

	private final KafkaSends kafka;

	private final String reporter;

	/** Subscriptions made here, by resource. */
	private final Map<String, Made> made = new ConcurrentHashMap<>();

	private final PresenceHeartbeat heartbeat;

	WhepWatching(Broadcasts broadcasts, SignalRelay signals, AwaitedReplies replies, TurnCredentials turn,
			ReactiveStringRedisTemplate redis, KafkaSends kafka, GatewayProperties properties) {
		this.broadcasts = broadcasts;
		this.signals = signals;
		this.replies = replies;
		this.turn = turn;
		this.redis = redis;
		this.kafka = kafka;
		this.reporter = properties.id() + ".whep";
		this.heartbeat = new PresenceHeartbeat(kafka, this.reporter);
	}

	/** Subscribes {@code offer} to {@code room}; fails with a {@link WhipProblem}. */
	Mono<Subscription> watch(String room, String quality, String offer) {
		String ufrag = SdpBodies.offerUfrag(offer, "The offer receives no video.");
		String wanted = (quality != null) ? quality : Quality.AUTO;
		if (!Quality.isChoice(wanted)) {
			throw WhipProblem.of(HttpStatus.BAD_REQUEST, "quality-invalid", "Unknown quality",
					"quality must be " + Quality.CHOICES_TEXT + ".");
		}
		Instant now = Instant.now();
		return this.broadcasts.requireOpen(room)
			.onErrorMap(Refusal.class, WhipProblem::of)
			.then(Mono.defer(() -> start(room, wanted, offer, ufrag, now)));
	}

	private Mono<Subscription> start(String room, String quality, String offer, String ufrag, Instant now) {
		String session = "p-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		Awaited awaited = this.replies.await(session);
		return this.signals.watch(session, room, quality)
			.onErrorMap(Refusal.class, WhipProblem::of)
			.then(awaited.reply().timeout(OFFER_TIMEOUT))
			.flatMap((reply) -> janusOffer(reply, awaited))
			.map((janusOffer) -> answers(offer, janusOffer))
			.flatMap((answers) -> this.redis.opsForHash()
				.putAll(GatewayKeys.whep(session),
						Map.of("room", room, "ufrag", ufrag, "mid", answers.janusMid(), "client-mid",
								answers.clientMid(), "reporter", this.reporter))
				.then(this.redis.expire(GatewayKeys.whep(session), TTL))
				.then(this.signals.answer(session, room, answers.toJanus()))
				.onErrorMap(Refusal.class, WhipProblem::of)
				.then(Mono.fromRunnable(() -> follow(session, room, awaited)))
				.then(joined(session, room))
				.thenReturn(answers.toClient()))
			.onErrorResume((ex) -> undo(room, session, null).then(Mono.error(WhipProblem.of(ex))))
			.doFinally((signal) -> {
				if (signal != SignalType.ON_COMPLETE) {
					awaited.close();
				}
				if (signal == SignalType.CANCEL) {
					// The player went before its answer: nobody will DELETE it.
					undo(room, session, this.reporter).subscribe(null, (ex) -> log
						.warn("WHEP subscription room={} session={} not undone: {}", room, session, ex.toString()));
				}
			})
			.map((answer) -> {
				log.info("WHEP subscription room={} session={} quality={}", room, session, quality);
				return new Subscription(session, answer, this.turn.iceServers(session, now));
			});
	}

	/**
	 * From now on this instance counts the subscription, and ends it when media-service
	 * drops its media (the player hung up, its node went down, the publisher started
	 * over): the player then watches again with a new POST.
	 */
	private void follow(String session, String room, Awaited awaited) {
		this.made.put(session, new Made(room, awaited));
		awaited.dropped().flatMap((reply) -> {
			log.info("WHEP subscription dropped room={} session={} code={}", room, session, reply.code());
			return undo(room, session, this.reporter);
		})
			.subscribe(null, (ex) -> log.warn("WHEP subscription room={} session={} not ended: {}", room, session,
					ex.toString()));
	}

	private Mono<JanusOffer> janusOffer(Reply reply, Awaited awaited) {
		if (reply.sdp() == null) {
			return Mono.error(refused(reply));
		}
		if (reply.sdp().contains("a=candidate:")) {
			return Mono.just(new JanusOffer(reply.sdp(), List.of()));
		}
		return awaited.candidatesDone()
			.timeout(CANDIDATES_WAIT, Mono.empty())
			.then(Mono.fromSupplier(() -> new JanusOffer(reply.sdp(), awaited.candidates())));
	}

	private static WhepSdp.Answers answers(String offer, JanusOffer janus) {
		try {
			return WhepSdp.answers(offer, janus.sdp(), janus.candidates());
		}
		catch (IllegalArgumentException ex) {
			throw WhipProblem.unusableSdp(ex.getMessage());
		}
	}

	/**
	 * Trickles the client's candidates to Janus, into Janus's first media section (the
	 * bundle's transport). An ICE restart is refused: Janus would have to offer again.
	 */
	Mono<Void> trickle(String room, String resource, String body) {
		WhipSdp.Fragment fragment = SdpBodies.fragment(body);
		return subscription(room, resource).flatMap((subscription) -> {
			SdpBodies.requireNoRestart(fragment, subscription.get("ufrag"), "watch again (DELETE, then POST).");
			String mid = (String) subscription.get("mid");
			Object clientMid = subscription.get("client-mid");
			// Only the transport the client kept: candidates of its other sections were
			// gathered for transports it dropped with BUNDLE.
			return Flux.fromIterable(fragment.candidates())
				.filter((candidate) -> candidate.sdpMid() == null || candidate.sdpMid().equals(clientMid))
				.concatMap((candidate) -> this.signals.ice(resource, room, Role.VIEWER,
						new IceCandidate(candidate.candidate(), mid, 0)))
				.then(fragment.ended() ? this.signals.ice(resource, room, Role.VIEWER, null) : Mono.empty())
				.onErrorMap(Refusal.class, WhipProblem::of);
		});
	}

	/** Ends the subscription: presence stops counting it and media-service drops it. */
	Mono<Void> stop(String room, String resource) {
		return subscription(room, resource).flatMap((subscription) -> {
			log.info("WHEP subscription ended room={} session={}", room, resource);
			return undo(room, resource, (String) subscription.get("reporter"));
		});
	}

	private Mono<Map<Object, Object>> subscription(String room, String resource) {
		if (!RESOURCE.matcher(resource).matches()) {
			return Mono.error(noSubscription(room, resource));
		}
		return this.redis.opsForHash()
			.entries(GatewayKeys.whep(resource))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((subscription) -> room.equals(subscription.get("room")))
			.switchIfEmpty(Mono.error(() -> noSubscription(room, resource)));
	}

	/**
	 * The subscription is gone from Redis (the instance that made it stops reporting it
	 * at its next heartbeat), presence is told when it was counted ({@code reporter}),
	 * and media-service releases the viewer.
	 */
	private Mono<Void> undo(String room, String session, String reporter) {
		forget(session);
		Mono<Void> presence = (reporter != null) ? send(SessionEventType.LEFT, room, session, reporter) : Mono.empty();
		return this.redis.delete(GatewayKeys.whep(session))
			.then(presence)
			.then(this.signals.left(session, room, Role.VIEWER));
	}

	private void forget(String session) {
		Made subscription = this.made.remove(session);
		if (subscription != null) {
			subscription.replies().close();
		}
	}

	private Mono<Void> joined(String session, String room) {
		return send(SessionEventType.JOINED, room, session, this.reporter);
	}

	private Mono<Void> send(SessionEventType type, String room, String session, String reporter) {
		return this.kafka.send(Topics.PRESENCE_SESSIONS, room,
				new SessionEvent(type, room, reporter, session, Role.VIEWER.wireName(), null, Instant.now()));
	}

	/**
	 * Per room, the subscriptions made here that Redis still holds (their time there
	 * extended); those it no longer holds ended on another instance.
	 */
	@Scheduled(fixedRateString = "${onair.gateway.heartbeat:5s}")
	void heartbeat() {
		Flux.fromIterable(Map.copyOf(this.made).entrySet())
			.flatMap((entry) -> this.redis.expire(GatewayKeys.whep(entry.getKey()), TTL)
				.map((held) -> Map.entry(entry.getKey(), held ? entry.getValue().room() : "")))
			.collectList()
			.subscribe(this::report, (ex) -> log.warn("WHEP heartbeat failed: {}", ex.toString()));
	}

	private void report(List<Map.Entry<String, String>> subscriptions) {
		Map<String, List<String>> byRoom = new HashMap<>();
		for (Map.Entry<String, String> subscription : subscriptions) {
			if (subscription.getValue().isEmpty()) {
				forget(subscription.getKey());
			}
			else {
				byRoom.computeIfAbsent(subscription.getValue(), (room) -> new ArrayList<>()).add(subscription.getKey());
			}
		}
		this.heartbeat.send(byRoom);
	}

	private static WhipProblem noSubscription(String room, String resource) {
		return WhipProblem.of(HttpStatus.NOT_FOUND, "not-found", "No such subscription",
				"Broadcast " + room + " has no WHEP subscription " + resource + ".");
	}

	/** media-service's refusal of the watch or the answer. */
	private static WhipProblem refused(Reply reply) {
		return switch (MediaError.of(reply.code()).orElse(null)) {
			case ANSWER_REJECTED -> WhipProblem.unusableSdp(reply.message());
			case null, default -> WhipProblem.unavailable(reply.message(), Duration.ofSeconds(1));
		};
	}

	/** A subscription this instance made: its room and media-service's replies to it. */
	private record Made(String room, Awaited replies) {

	}

	/** Janus's offer and the candidates it trickled. */
	private record JanusOffer(String sdp, List<IceCandidate> candidates) {

	}

	/** An accepted offer: the resource's id, the answer and TURN for the client. */
	record Subscription(String resource, String answer, List<IceServer> iceServers) {

	}

}
