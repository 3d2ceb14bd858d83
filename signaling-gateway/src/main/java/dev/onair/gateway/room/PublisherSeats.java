package dev.onair.gateway.room;

import dev.onair.gateway.GatewayKeys;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One publisher per room, across instances: the room's seat in Redis names the session
 * that publishes. The latest valid owner join takes the seat (the streamer reloaded the
 * page); the previous holder finds out when its instance checks.
 */
@Component
class PublisherSeats {

	private final ReactiveStringRedisTemplate redis;

	PublisherSeats(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	Mono<Void> take(String room, String session) {
		return this.redis.opsForValue().set(GatewayKeys.roomPublisher(room), session).then();
	}

	Mono<Boolean> holds(String room, String session) {
		return this.redis.opsForValue().get(GatewayKeys.roomPublisher(room)).map(session::equals).defaultIfEmpty(false);
	}

	/** Frees the seat if {@code session} still holds it. */
	Mono<Void> release(String room, String session) {
		return holds(room, session)
			.flatMap((held) -> held ? this.redis.delete(GatewayKeys.roomPublisher(room)).then() : Mono.empty());
	}

}
