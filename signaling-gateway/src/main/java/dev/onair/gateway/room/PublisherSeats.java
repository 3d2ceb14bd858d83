package dev.onair.gateway.room;

import java.util.List;

import dev.onair.gateway.GatewayKeys;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * One publisher per room, across instances: the room's seat in Redis names the session
 * that publishes. The latest valid owner join takes the seat (the streamer reloaded the
 * page); the previous holder finds out when its instance checks.
 * <p>
 * Redis holds the seat but is not its only witness: the instance holding the publishing
 * session knows it publishes. A missing seat (Redis flushed, or restarted without its
 * data) is therefore claimed back by that instance, never read as taken by someone else;
 * only a seat naming another session is.
 */
@Component
class PublisherSeats {

	/**
	 * Keeps a seat for its session: claims it if missing, answers whether the session
	 * holds it. One script, so a newer publisher's {@link #take} cannot slip between the
	 * read and the claim. Kept as text: a resource-backed script is re-read from its file
	 * on every NOSCRIPT fallback (a flushed Redis), on Lettuce's event loop.
	 */
	private static final RedisScript<Long> KEEP = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if not holder then
			  redis.call('SET', KEYS[1], ARGV[1])
			  return 1
			end
			if holder == ARGV[1] then return 1 end
			return 0
			""", Long.class);

	/**
	 * Frees the seat only if the session still holds it, in one step for the same reason.
	 */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	PublisherSeats(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	Mono<Void> take(String room, String session) {
		return this.redis.opsForValue().set(GatewayKeys.roomPublisher(room), session).then();
	}

	/**
	 * Whether {@code session}, which publishes on this instance, still holds the room's
	 * seat; a missing seat is claimed back for it. Only the instance holding the session
	 * may ask.
	 */
	Mono<Boolean> keep(String room, String session) {
		return this.redis.execute(KEEP, List.of(GatewayKeys.roomPublisher(room)), List.of(session))
			.next()
			.map((kept) -> kept == 1L)
			.defaultIfEmpty(false);
	}

	/** Frees the seat if {@code session} still holds it. */
	Mono<Void> release(String room, String session) {
		return this.redis.execute(RELEASE, List.of(GatewayKeys.roomPublisher(room)), List.of(session)).then();
	}

}
