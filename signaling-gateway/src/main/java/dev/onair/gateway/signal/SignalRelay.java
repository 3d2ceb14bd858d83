package dev.onair.gateway.signal;

import java.time.Instant;

import dev.onair.contract.Topics;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.contract.ws.Answer;
import dev.onair.contract.ws.ClientMessage;
import dev.onair.contract.ws.Ice;
import dev.onair.contract.ws.Publish;
import dev.onair.contract.ws.Quality;
import dev.onair.contract.ws.Unpublish;
import dev.onair.contract.ws.Unwatch;
import dev.onair.contract.ws.Watch;
import dev.onair.gateway.broadcast.Broadcasts;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Checks a client's signaling frame (membership, role, fields) and produces it to
 * {@code signal.to-media}; media-service trusts what arrives there.
 */
@Component
public class SignalRelay {

	private static final Logger log = LoggerFactory.getLogger(SignalRelay.class);

	private final KafkaSends kafka;

	private final String gateway;

	private final SignalLatency latency;

	private final CandidateAddresses candidates;

	private final Broadcasts broadcasts;

	SignalRelay(KafkaSends kafka, GatewayProperties properties, SignalLatency latency, CandidateAddresses candidates,
			Broadcasts broadcasts) {
		this.kafka = kafka;
		this.candidates = candidates;
		this.broadcasts = broadcasts;
		this.gateway = properties.id();
		this.latency = latency;
	}

	public Mono<Void> forward(Session session, ClientMessage message) {
		SignalToMedia signal = switch (message) {
			case Publish publish -> {
				requirePublisher(session, publish.room(), "publish");
				yield new SignalToMedia.Publish(publish.room(), session.id(), this.gateway,
						role(session, publish.room()), sdp(publish.sdp(), "publish needs sdp"), Instant.now());
			}
			case Watch watch -> {
				session.requireIn(watch.room());
				yield new SignalToMedia.Watch(watch.room(), session.id(), this.gateway, role(session, watch.room()),
						quality((watch.quality() != null) ? watch.quality() : Quality.AUTO), Instant.now());
			}
			case Answer answer -> {
				session.requireIn(answer.room());
				yield new SignalToMedia.Answer(answer.room(), session.id(), this.gateway, role(session, answer.room()),
						sdp(answer.sdp(), "answer needs sdp"), Instant.now());
			}
			case Ice ice -> {
				session.requireIn(ice.room());
				if (ice.candidate() != null) {
					if (ice.candidate().candidate() == null) {
						throw new Refusal("field.invalid", "ice.candidate needs candidate (or send candidate: null)");
					}
					this.candidates.checkCandidate(ice.candidate().candidate());
				}
				yield new SignalToMedia.Ice(ice.room(), session.id(), this.gateway, role(session, ice.room()),
						ice.candidate(), Instant.now());
			}
			case Quality quality -> {
				session.requireIn(quality.room());
				yield new SignalToMedia.Quality(quality.room(), session.id(), this.gateway,
						role(session, quality.room()), quality(quality.quality()), Instant.now());
			}
			case Unpublish unpublish -> {
				requirePublisher(session, unpublish.room(), "unpublish");
				yield new SignalToMedia.Unpublish(unpublish.room(), session.id(), this.gateway,
						role(session, unpublish.room()), Instant.now());
			}
			case Unwatch unwatch -> {
				session.requireIn(unwatch.room());
				yield new SignalToMedia.Unwatch(unwatch.room(), session.id(), this.gateway,
						role(session, unwatch.room()), Instant.now());
			}
			default -> throw new IllegalArgumentException("Not a signaling frame: " + message);
		};
		if (message instanceof Publish || message instanceof Watch) {
			session.mayHoldMedia(signal.room());
		}
		this.latency.requested(signal);
		// Publishing only while the broadcast is READY or LIVE: an ENDED one stays ended.
		Mono<?> allowed = (message instanceof Publish) ? this.broadcasts.requireOpen(signal.room()) : Mono.empty();
		return allowed.then(produce(signal));
	}

	/**
	 * A publish of a session without a WebSocket (WHIP), whose owner token and seat the
	 * caller checked: the offer is checked as a {@code publish} frame's.
	 */
	public Mono<Void> publish(String session, String room, String sdp) {
		return produce(new SignalToMedia.Publish(room, session, this.gateway, Role.PUBLISHER.wireName(),
				sdp(sdp, "publish needs sdp"), Instant.now()));
	}

	/**
	 * A trickled candidate of a session without a WebSocket; {@code null} ends its
	 * candidates. Checked as an {@code ice} frame's.
	 */
	public Mono<Void> ice(String session, String room, Role role, IceCandidate candidate) {
		if (candidate != null) {
			this.candidates.checkCandidate(candidate.candidate());
		}
		return produce(new SignalToMedia.Ice(room, session, this.gateway, role.wireName(), candidate, Instant.now()));
	}

	/**
	 * A watch of a session without a WebSocket (WHEP), in {@code quality} (checked as a
	 * {@code watch} frame's); media-service replies with Janus's offer.
	 */
	public Mono<Void> watch(String session, String room, String quality) {
		return produce(new SignalToMedia.Watch(room, session, this.gateway, Role.VIEWER.wireName(), quality(quality),
				Instant.now()));
	}

	/**
	 * The answer of a session without a WebSocket (WHEP) to Janus's offer, checked as an
	 * {@code answer} frame's.
	 */
	public Mono<Void> answer(String session, String room, String sdp) {
		return produce(new SignalToMedia.Answer(room, session, this.gateway, Role.VIEWER.wireName(),
				sdp(sdp, "answer needs sdp"), Instant.now()));
	}

	/** Tells media-service that the session left the room, so it releases its media. */
	public Mono<Void> left(String session, String room, Role role) {
		return produce(new SignalToMedia.Left(room, session, this.gateway, role.wireName(), Instant.now()));
	}

	private Mono<Void> produce(SignalToMedia signal) {
		log.debug("Signal {} room={} session={}", signal.getClass().getSimpleName(), signal.room(), signal.session());
		return this.kafka.send(Topics.SIGNAL_TO_MEDIA, signal.room(), signal);
	}

	/** The role the session joined the room in, as media-service reads it. */
	private static String role(Session session, String room) {
		return session.roleIn(room).wireName();
	}

	private static void requirePublisher(Session session, String room, String type) {
		if (session.requireIn(room) != Role.PUBLISHER) {
			throw new Refusal("room.publisher-only", type + " is for the room's publisher; join as publisher");
		}
	}

	private String sdp(String value, String missing) {
		if (value == null || value.isBlank()) {
			throw new Refusal("field.missing", missing);
		}
		this.candidates.checkSdp(value);
		return value;
	}

	private static String quality(String value) {
		if (value == null) {
			throw new Refusal("field.missing", "quality needs quality: " + Quality.CHOICES_TEXT);
		}
		if (!Quality.isChoice(value)) {
			throw new Refusal("field.invalid", "quality must be " + Quality.CHOICES_TEXT);
		}
		return value;
	}

}
