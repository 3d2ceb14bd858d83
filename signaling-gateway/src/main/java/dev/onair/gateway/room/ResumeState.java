package dev.onair.gateway.room;

import java.util.Map;

import dev.onair.gateway.GatewayKeys;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What a session needs to resume on another instance: its rooms and which connection
 * holds it now, in Redis.
 */
@Component
class ResumeState {

	private final ReactiveStringRedisTemplate redis;

	private final String gateway;

	ResumeState(ReactiveStringRedisTemplate redis, GatewayProperties properties) {
		this.redis = redis;
		this.gateway = properties.id();
	}

	/** Marks {@code session}'s connection here as the one holding it. */
	Mono<Void> hold(Session session) {
		return this.redis.opsForValue()
			.set(GatewayKeys.sessionHolder(session.id()), holder(session), GatewayKeys.SESSION_TTL)
			.then();
	}

	/** Whether {@code session}'s (closed) connection here is still its latest one. */
	Mono<Boolean> stillHeldBy(Session session) {
		return this.redis.opsForValue()
			.get(GatewayKeys.sessionHolder(session.id()))
			.map(holder(session)::equals)
			.defaultIfEmpty(false);
	}

	Mono<Void> entered(String session, String room, Role role) {
		String key = GatewayKeys.sessionRooms(session);
		return this.redis.opsForHash()
			.put(key, room, role.wireName())
			.then(this.redis.expire(key, GatewayKeys.SESSION_TTL))
			.then();
	}

	Mono<Void> exited(String session, String room) {
		return this.redis.opsForHash().remove(GatewayKeys.sessionRooms(session), room).then();
	}

	Mono<Map<String, Role>> rooms(String session) {
		return this.redis.<String, String>opsForHash()
			.entries(GatewayKeys.sessionRooms(session))
			.collectMap(Map.Entry::getKey, (entry) -> Role.fromWire(entry.getValue()));
	}

	Mono<Void> forget(String session) {
		return this.redis.delete(GatewayKeys.sessionRooms(session), GatewayKeys.sessionHolder(session)).then();
	}

	private String holder(Session session) {
		return this.gateway + "/" + session.connectionId();
	}

}
