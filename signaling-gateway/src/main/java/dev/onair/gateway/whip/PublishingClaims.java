package dev.onair.gateway.whip;

import java.time.Duration;
import java.util.List;

import dev.onair.gateway.GatewayKeys;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Whether a WHIP offer may publish: not while someone's media is live in the room.
 * <p>
 * Not the room's publisher seat ({@code room.PublisherSeats}): a studio page takes that
 * when it opens, to chat and moderate as the owner, before it publishes anything, and it
 * must stay open beside OBS. So the question is media-service's answer — whose media
 * reaches Janus ({@link GatewayKeys#roomMedia}, kept by {@link PublisherMedia}) — plus a
 * short claim for an offer not connected yet ({@link GatewayKeys#roomWhipClaim}), so two
 * encoders starting at once do not both pass. A studio going live while OBS is live takes
 * over, as a newer studio tab does: media-service keeps the latest publish.
 */
@Component
class PublishingClaims {

	/** An offer's claim lasts this long; its media, once live, keeps the room. */
	static final Duration CLAIM = Duration.ofSeconds(30);

	/**
	 * Media-service reports the end of every publisher's media; should that report be
	 * lost, the room is free again after an owner token's lifetime at the latest.
	 */
	static final Duration LIVE = Duration.ofDays(1);

	private static final RedisScript<Long> CLAIM_IF_FREE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			return 0
			""", Long.class);

	private static final RedisScript<Long> DELETE_IF_HELD = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	PublishingClaims(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Claims the room for a WHIP offer; {@code false} when a publisher is live. */
	Mono<Boolean> claim(String room, String session) {
		return this.redis
			.execute(CLAIM_IF_FREE, List.of(GatewayKeys.roomMedia(room), GatewayKeys.roomWhipClaim(room)),
					List.of(session, String.valueOf(CLAIM.toMillis())))
			.next()
			.map((claimed) -> claimed == 1L)
			.defaultIfEmpty(false);
	}

	/** The session's claim and live media, if they are still its own, are gone. */
	Mono<Void> release(String room, String session) {
		return deleteIfHeld(GatewayKeys.roomWhipClaim(room), session)
			.then(deleteIfHeld(GatewayKeys.roomMedia(room), session));
	}

	/** Media-service reports {@code session}'s media reaching Janus. */
	Mono<Void> mediaLive(String room, String session) {
		return this.redis.opsForValue().set(GatewayKeys.roomMedia(room), session, LIVE).then();
	}

	/** Media-service reports {@code session}'s media gone. */
	Mono<Void> mediaStopped(String room, String session) {
		return deleteIfHeld(GatewayKeys.roomMedia(room), session);
	}

	private Mono<Void> deleteIfHeld(String key, String session) {
		return this.redis.execute(DELETE_IF_HELD, List.of(key), List.of(session)).then();
	}

}
