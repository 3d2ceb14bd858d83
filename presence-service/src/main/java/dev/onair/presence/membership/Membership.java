package dev.onair.presence.membership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.onair.contract.presence.SessionEvent;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Room membership in Redis. Each change runs as one Lua script, so concurrent presence
 * instances (and a restarted one replaying uncommitted records) never interleave half
 * updates. The blocking calls are for Kafka consumer and scheduler threads only.
 */
@Component
public class Membership {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int OVERDUE_BATCH = 500;

	private static final RedisScript<String> MEMBERSHIP = script("membership/membership.lua");

	private static final RedisScript<String> OVERDUE = script("membership/overdue-leases.lua");

	private final ReactiveStringRedisTemplate redis;

	public Membership(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Applies the room's events in the order given (the order they had in the room's
	 * partition) in one atomic step.
	 */
	public RoomCount apply(String room, List<SessionEvent> events) {
		List<String> args = new ArrayList<>(events.size() * 5 + 1);
		args.add("events");
		for (SessionEvent event : events) {
			List<String> sessions = switch (event.type()) {
				case JOINED, LEFT -> List.of(event.session());
				case HEARTBEAT -> event.sessions();
			};
			args.add(switch (event.type()) {
				case JOINED -> "join";
				case LEFT -> "leave";
				case HEARTBEAT -> "heartbeat";
			});
			args.add(event.gateway());
			args.add(Long.toString(event.at().toEpochMilli()));
			args.add(Integer.toString(sessions.size()));
			args.addAll(sessions);
		}
		return run(room, args);
	}

	/**
	 * Drops the gateway's sessions in the room if its lease is still older than
	 * {@code ttl} (it may have been renewed since it was found overdue).
	 */
	public RoomCount expire(GatewayLease lease, Duration ttl) {
		return run(lease.room(), List.of("expire", lease.gateway(), Long.toString(ttl.toMillis())));
	}

	/** Leases not renewed within {@code ttl}, oldest first. */
	public List<GatewayLease> overdue(Duration ttl) {
		String reply = this.redis
			.execute(OVERDUE, List.of(PresenceKeys.LEASES),
					List.of(Long.toString(ttl.toMillis()), Integer.toString(OVERDUE_BATCH)))
			.next()
			.defaultIfEmpty("")
			.block(TIMEOUT);
		if (reply == null || reply.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(reply.split("\n")).map(GatewayLease::parse).toList();
	}

	/** The room's current count; {@code changed} is always {@code false}. */
	public Mono<RoomCount> count(String room) {
		Mono<Long> viewers = this.redis.opsForSet().size(PresenceKeys.viewers(room)).defaultIfEmpty(0L);
		Mono<Long> peak = this.redis.opsForValue().get(PresenceKeys.peak(room)).map(Long::parseLong).defaultIfEmpty(0L);
		return Mono.zip(viewers, peak, (v, p) -> new RoomCount(v, Math.max(v, p), false));
	}

	private RoomCount run(String room, List<String> modeArgs) {
		List<String> args = new ArrayList<>(modeArgs.size() + 4);
		args.add(PresenceKeys.gatewaySessionsPrefix(room));
		args.add(PresenceKeys.leasePrefix(room));
		args.add(Long.toString(PresenceKeys.ROOM_TTL.toMillis()));
		args.add(Long.toString(PresenceKeys.TOMBSTONE_RETENTION.toMillis()));
		args.addAll(modeArgs);
		String reply = this.redis.execute(MEMBERSHIP, PresenceKeys.room(room), args).next().block(TIMEOUT);
		if (reply == null) {
			throw new IllegalStateException("Redis returned nothing for room " + room);
		}
		return RoomCount.parse(reply);
	}

	/**
	 * The script's text, read once here. A script built on a resource is read again
	 * whenever Redis answers NOSCRIPT (a fresh or flushed Redis), and that read would run
	 * on Lettuce's event loop, stalling every Redis reply of the instance.
	 */
	private static RedisScript<String> script(String path) {
		try {
			return RedisScript.of(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8), String.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis script " + path + " missing from the classpath", ex);
		}
	}

}
