package dev.onair.gateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.Topics;
import dev.onair.gateway.GatewayKeys;
import dev.onair.gateway.drain.Drain;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ReactiveZSetOperations;
import org.springframework.stereotype.Component;

/**
 * Readiness from a real round trip, not a guess: every {@code interval} the instance
 * writes a nonce to Redis, produces it to {@code gateway.canary} and reads it back on its
 * own fan-out consumer, the path every join, chat message and signal takes. When no trip
 * succeeded for {@code failAfter}, readiness turns OUT_OF_SERVICE; the first trip that
 * succeeds again turns it back. Liveness is not involved: a restart does not bring Kafka
 * back.
 * <p>
 * Its clients are told to {@code reconnect} only when another instance passed its canary
 * within {@code failAfter} ({@link GatewayKeys#CANARY_PASSED}): then this instance's
 * trouble is its own and the others can serve them. When every instance fails at once
 * (Kafka away), sending clients away would only move them from one failing instance to
 * the next and drop them from every room meanwhile; they stay, and are sent away as soon
 * as another instance passes while this one still fails.
 */
@Component("canaryHealthIndicator")
public class Canary implements HealthIndicator, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Canary.class);

	private final ReactiveStringRedisTemplate redis;

	private final KafkaSends kafka;

	private final Sessions sessions;

	private final Drain drain;

	private final String gateway;

	private final GatewayProperties.Canary settings;

	private final Map<String, Sinks.Empty<Void>> pending = new ConcurrentHashMap<>();

	/** Its own thread: a busy scheduler elsewhere must not look like a dead Kafka. */
	private final Scheduler ticks = Schedulers.newSingle("gateway-canary");

	private volatile long lastSuccessNanos;

	private volatile boolean ever;

	private volatile boolean healthy;

	private volatile String lastFailure = "no trip yet";

	private volatile Disposable running;

	/** Whether the clients were last kept because no instance passed (logged once). */
	private volatile boolean keepingClients;

	Canary(ReactiveStringRedisTemplate redis, KafkaSends kafka, Sessions sessions, Drain drain,
			GatewayProperties properties) {
		this.redis = redis;
		this.kafka = kafka;
		this.sessions = sessions;
		this.drain = drain;
		this.gateway = properties.id();
		this.settings = properties.canary();
	}

	/** Whether the last trips failed: this instance cannot serve clients now. */
	public boolean failing() {
		return !this.healthy;
	}

	@Override
	public Health health() {
		if (this.healthy) {
			return Health.up().build();
		}
		Health.Builder builder = Health.outOfService().withDetail("lastFailure", this.lastFailure);
		if (this.ever) {
			builder.withDetail("lastSuccessAgoMs",
					Duration.ofNanos(System.nanoTime() - this.lastSuccessNanos).toMillis());
		}
		return builder.build();
	}

	/** A ping read back from {@code gateway.canary} ({@link CanaryPings}). */
	void returned(CanaryPing ping) {
		if (!this.gateway.equals(ping.gateway())) {
			return;
		}
		Sinks.Empty<Void> trip = this.pending.remove(ping.nonce());
		if (trip != null) {
			trip.tryEmitEmpty();
		}
	}

	private Mono<Void> trip() {
		// Not UUID.randomUUID(): SecureRandom may read /dev/urandom, a blocking call
		// here.
		String nonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
		Sinks.Empty<Void> back = Sinks.empty();
		this.pending.put(nonce, back);
		return this.redis.opsForValue()
			.set(GatewayKeys.canary(this.gateway), nonce, GatewayKeys.CANARY_TTL)
			.then(this.kafka.send(Topics.GATEWAY_CANARY, this.gateway,
					new CanaryPing(this.gateway, nonce, Instant.now())))
			.then(back.asMono())
			.timeout(this.settings.timeout())
			.then(Mono.defer(this::succeeded))
			.onErrorResume(this::failed)
			.doFinally((signal) -> this.pending.remove(nonce));
	}

	private Mono<Void> succeeded() {
		this.lastSuccessNanos = System.nanoTime();
		this.ever = true;
		if (!this.healthy) {
			log.info("Canary round trip through Redis and Kafka works: ready");
			this.healthy = true;
		}
		long now = System.currentTimeMillis();
		ReactiveZSetOperations<String, String> passed = this.redis.opsForZSet();
		return passed.add(GatewayKeys.CANARY_PASSED, this.gateway, now)
			.then(passed.removeRangeByScore(GatewayKeys.CANARY_PASSED,
					Range.closed(0.0, (double) (now - GatewayKeys.CANARY_TTL.toMillis()))))
			.then(this.redis.expire(GatewayKeys.CANARY_PASSED, GatewayKeys.CANARY_TTL))
			.timeout(this.settings.timeout())
			.onErrorResume((ex) -> Mono.empty())
			.then();
	}

	private Mono<Void> failed(Throwable ex) {
		this.lastFailure = ex.toString();
		boolean overdue = !this.ever || System.nanoTime() - this.lastSuccessNanos > this.settings.failAfter().toNanos();
		if (!overdue) {
			return Mono.empty();
		}
		if (this.healthy) {
			this.healthy = false;
			log.warn("Canary round trip failing for {} ({}): not ready", this.settings.failAfter(), this.lastFailure);
		}
		List<Session> staying = this.sessions.connections()
			.stream()
			.filter((session) -> !session.wasSentAway())
			.toList();
		if (staying.isEmpty()) {
			return Mono.empty();
		}
		return passedElsewhere().doOnNext((elsewhere) -> {
			if (elsewhere) {
				log.warn("Another instance passes its canary: sending {} clients there", staying.size());
				staying.forEach(this.drain::sendAway);
			}
			else if (!this.keepingClients) {
				log.warn("No instance passes its canary: keeping {} clients until one does", staying.size());
			}
			this.keepingClients = !elsewhere;
		}).then();
	}

	/** Whether another instance passed its canary within {@code failAfter}. */
	private Mono<Boolean> passedElsewhere() {
		double since = System.currentTimeMillis() - this.settings.failAfter().toMillis();
		return this.redis.opsForZSet()
			.rangeByScore(GatewayKeys.CANARY_PASSED, Range.closed(since, Double.MAX_VALUE))
			.any((gateway) -> !gateway.equals(this.gateway))
			.timeout(this.settings.timeout())
			.onErrorReturn(false);
	}

	@Override
	public void start() {
		this.running = Flux.interval(Duration.ZERO, this.settings.interval(), this.ticks)
			.onBackpressureDrop()
			.concatMap((tick) -> trip(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable trips = this.running;
		if (trips != null) {
			trips.dispose();
		}
		this.running = null;
		this.ticks.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
