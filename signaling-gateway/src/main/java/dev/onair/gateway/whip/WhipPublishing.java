package dev.onair.gateway.whip;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.onair.contract.OwnerTokens.OwnerToken;
import dev.onair.contract.signal.MediaError;
import dev.onair.contract.ws.IceServer;
import dev.onair.gateway.GatewayKeys;
import dev.onair.gateway.broadcast.Broadcasts;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.signal.AwaitedReplies;
import dev.onair.gateway.signal.AwaitedReplies.Awaited;
import dev.onair.gateway.signal.AwaitedReplies.Reply;
import dev.onair.gateway.signal.SignalRelay;
import dev.onair.gateway.turn.TurnCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A WHIP publication's life: the offer goes to media-service as the studio's
 * {@code publish} does, under a session id of its own ({@code w-…}), unless a publisher
 * is live ({@link PublishingClaims}); Janus's answer, with Janus's candidates written
 * into it, is the response. Trickled candidates and the end go to media-service as
 * {@code ice} and {@code left}. Nothing is held in this instance's memory once a request
 * is answered, so any instance serves the resource and a dying one takes nothing with it:
 * the media runs between the encoder and Janus, and its hold on the room is its media's
 * ({@link PublisherMedia}).
 */
@Service
class WhipPublishing {

	private static final Logger log = LoggerFactory.getLogger(WhipPublishing.class);

	/**
	 * Janus answers in tens of milliseconds, media-service's room set-up in a few
	 * hundred; media-service's own Janus wait is 5 s.
	 */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Janus gathers its host candidates at once and says when it is done; should that end
	 * not come, the answer goes with what arrived.
	 */
	private static final Duration CANDIDATES_WAIT = Duration.ofSeconds(1);

	private static final Pattern RESOURCE = Pattern.compile("w-[0-9a-f]{16}");

	private final OwnerCheck owner;

	private final Broadcasts broadcasts;

	private final PublishingClaims claims;

	private final SignalRelay signals;

	private final AwaitedReplies replies;

	private final TurnCredentials turn;

	private final ReactiveStringRedisTemplate redis;

	WhipPublishing(OwnerCheck owner, Broadcasts broadcasts, PublishingClaims claims, SignalRelay signals,
			AwaitedReplies replies, TurnCredentials turn, ReactiveStringRedisTemplate redis) {
		this.owner = owner;
		this.broadcasts = broadcasts;
		this.claims = claims;
		this.signals = signals;
		this.replies = replies;
		this.turn = turn;
		this.redis = redis;
	}

	/**
	 * Publishes {@code offer} in {@code room} for the owner; fails with a
	 * {@link WhipProblem}.
	 */
	Mono<Publication> publish(String room, String authorization, String offer) {
		Instant now = Instant.now();
		OwnerToken token = this.owner.require(authorization, room, now);
		String ufrag = SdpBodies.offerUfrag(offer, "The offer has no video.");
		return this.broadcasts.requireOpen(room, token)
			.onErrorMap(Refusal.class, WhipProblem::of)
			.then(Mono.defer(() -> start(room, offer, ufrag, now)));
	}

	private Mono<Publication> start(String room, String offer, String ufrag, Instant now) {
		String session = "w-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		return this.claims.claim(room, session)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> WhipProblem.of(HttpStatus.CONFLICT, "publisher-live", "A publisher is live",
					"Broadcast " + room + " has a publisher already (the studio or another encoder); stop it first.")))
			.then(Mono.defer(() -> {
				Awaited awaited = this.replies.await(session);
				return this.redis.opsForHash()
					.putAll(GatewayKeys.whip(session), Map.of("room", room, "ufrag", ufrag))
					.then(this.redis.expire(GatewayKeys.whip(session), GatewayKeys.WHIP_TTL))
					.then(this.signals.publish(session, room, offer))
					.onErrorMap(Refusal.class, WhipProblem::of)
					.then(awaited.reply().timeout(ANSWER_TIMEOUT))
					.flatMap((reply) -> answer(reply, awaited))
					.doFinally((signal) -> awaited.close())
					.onErrorResume((ex) -> undo(room, session).then(Mono.error(WhipProblem.of(ex))));
			}))
			.map((answer) -> {
				log.info("WHIP publication room={} session={}", room, session);
				return new Publication(session, answer, this.turn.iceServers(session, now));
			});
	}

	private Mono<String> answer(Reply reply, Awaited awaited) {
		if (reply.sdp() == null) {
			return Mono.error(refused(reply));
		}
		if (reply.sdp().contains("a=candidate:")) {
			// Janus waited for its candidates (the offer did not announce trickle).
			return Mono.just(reply.sdp());
		}
		return awaited.candidatesDone()
			.thenReturn(true)
			.timeout(CANDIDATES_WAIT, Mono.just(false))
			.map((complete) -> WhipSdp.withCandidates(reply.sdp(), awaited.candidates(), complete));
	}

	/**
	 * Trickles the client's candidates to Janus. An ICE restart (new credentials) is
	 * refused: Janus would need a new offer from the client, which WHIP does not send.
	 */
	Mono<Void> trickle(String room, String resource, String authorization, String body) {
		this.owner.require(authorization, room, Instant.now());
		WhipSdp.Fragment fragment = SdpBodies.fragment(body);
		return publication(room, resource).flatMap((publication) -> {
			SdpBodies.requireNoRestart(fragment, publication.get("ufrag"), "publish again (DELETE, then POST).");
			return Flux.fromIterable(fragment.candidates())
				.concatMap((candidate) -> this.signals.ice(resource, room, Role.PUBLISHER, candidate))
				.then(fragment.ended() ? this.signals.ice(resource, room, Role.PUBLISHER, null) : Mono.empty())
				.onErrorMap(Refusal.class, WhipProblem::of);
		});
	}

	/** Ends the publication: the room is free and media-service drops the publisher. */
	Mono<Void> stop(String room, String resource, String authorization) {
		this.owner.require(authorization, room, Instant.now());
		return publication(room, resource).flatMap((publication) -> {
			log.info("WHIP publication ended room={} session={}", room, resource);
			return undo(room, resource);
		});
	}

	private Mono<Map<Object, Object>> publication(String room, String resource) {
		if (!RESOURCE.matcher(resource).matches()) {
			return Mono.error(WhipProblem.noPublication(room, resource));
		}
		return this.redis.opsForHash()
			.entries(GatewayKeys.whip(resource))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((publication) -> room.equals(publication.get("room")))
			.switchIfEmpty(Mono.error(() -> WhipProblem.noPublication(room, resource)));
	}

	/**
	 * The publication is gone from Redis and its hold on the room too, if it still had
	 * it; then media-service drops its publisher, which it ignores if another took over.
	 */
	private Mono<Void> undo(String room, String session) {
		return this.redis.delete(GatewayKeys.whip(session))
			.then(this.claims.release(room, session))
			.then(this.signals.left(session, room, Role.PUBLISHER));
	}

	/** media-service's refusal of the offer. */
	private static WhipProblem refused(Reply reply) {
		return switch (MediaError.of(reply.code()).orElse(null)) {
			case SDP_INVALID, VIDEO_REQUIRED, CODEC_UNSUPPORTED, OFFER_REJECTED ->
				WhipProblem.unusableSdp(reply.message());
			case null, default -> WhipProblem.unavailable(reply.message(), Duration.ofSeconds(1));
		};
	}

	/** An accepted offer: the resource's id, Janus's answer and TURN for the client. */
	record Publication(String resource, String answer, List<IceServer> iceServers) {

	}

}
