package dev.onair.gateway.room;

import java.util.List;
import java.util.Map;

import dev.onair.gateway.GatewayKeys;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What a session needs to resume on another instance: its rooms and which connection
 * holds it now, in Redis.
 * <p>
 * Redis may lose it (flushed, or restarted without its data); the instance holding a
 * session's connection knows the same from memory and writes it again, so a resume or a
 * departure after the loss still finds the session's rooms and holder.
 */
@Component
class ResumeState {

	private static final Logger log = LoggerFactory.getLogger(ResumeState.class);

	/**
	 * Sessions rewritten at once after a loss: a few round trips in flight, not 10,000.
	 */
	private static final int REWRITE_CONCURRENCY = 64;

	/**
	 * Deletes holder and rooms if the holder is the given connection. Kept as text, as
	 * {@code PublisherSeats}' scripts are.
	 */
	private static final RedisScript<Long> FORGET_IF_HELD = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  redis.call('DEL', KEYS[1], KEYS[2])
			  return 1
			end
			return 0
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final Sessions sessions;

	private final String gateway;

	ResumeState(ReactiveStringRedisTemplate redis, Sessions sessions, GatewayProperties properties) {
		this.redis = redis;
		this.sessions = sessions;
		this.gateway = properties.id();
	}

	/**
	 * Rewrites the resume state of every session held here when Redis lost what this
	 * instance wrote: its marker key is gone. One round trip per heartbeat while nothing
	 * is lost. The marker goes first, so a loss during the rewrite is seen next time.
	 */
	@Scheduled(fixedRateString = "${onair.gateway.heartbeat:5s}")
	void restoreIfLost() {
		String marker = GatewayKeys.resumeWritten(this.gateway);
		this.redis.opsForValue()
			.setIfAbsent(marker, "1", GatewayKeys.SESSION_TTL)
			.filter(Boolean::booleanValue)
			.flatMap((lost) -> Flux.fromIterable(this.sessions.connections())
				.filter(Session::started)
				.flatMap((session) -> rewrite(session).thenReturn(session), REWRITE_CONCURRENCY)
				.count())
			.filter((rewritten) -> rewritten > 0)
			.subscribe((rewritten) -> log.info("Resume state of {} sessions written again to Redis", rewritten),
					(ex) -> log.warn("Resume state not checked or not written again: {}", ex.toString()));
	}

	/**
	 * The holder only if missing: a session that resumed elsewhere meanwhile is held
	 * there, and that instance writes it.
	 */
	private Mono<Void> rewrite(Session session) {
		Mono<Boolean> holder = this.redis.opsForValue()
			.setIfAbsent(GatewayKeys.sessionHolder(session.id()), holder(session), GatewayKeys.SESSION_TTL);
		return holder.thenMany(Flux.fromIterable(Map.copyOf(session.rooms()).entrySet()))
			.concatMap((entry) -> entered(session.id(), entry.getKey(), entry.getValue()))
			.then();
	}

	/** Marks {@code session}'s connection here as the one holding it. */
	Mono<Void> hold(Session session) {
		return this.redis.opsForValue()
			.set(GatewayKeys.sessionHolder(session.id()), holder(session), GatewayKeys.SESSION_TTL)
			.then();
	}

	/**
	 * Forgets the resume state of {@code session} if its (closed) connection here is
	 * still the latest one; answers whether it was, that is whether the session departs
	 * from here. One script: at 10,000 closes a second, a read and then a delete were two
	 * Redis round trips per departure.
	 */
	Mono<Boolean> forgetIfHeldBy(Session session) {
		return this.redis
			.execute(FORGET_IF_HELD,
					List.of(GatewayKeys.sessionHolder(session.id()), GatewayKeys.sessionRooms(session.id())),
					List.of(holder(session)))
			.next()
			.map((forgotten) -> forgotten == 1L)
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

	private String holder(Session session) {
		return this.gateway + "/" + session.connectionId();
	}

}
