package dev.onair.gateway.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.contract.OwnerTokens.OwnerToken;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

/**
 * Every broadcast's status, from the compacted {@code broadcast.state} read from the
 * beginning by each instance (a few bytes per broadcast). A room is a broadcast: joins go
 * only to existing, non-ENDED ones, so nobody can make the platform keep keys, heartbeats
 * and counts for rooms that do not exist. The instance is ready once it has read the
 * topic to its end (the first time its consumer finds nothing more). A spring-kafka
 * listener, not a binding: docs/development.md, "Departures", says why.
 * <p>
 * A broadcast created a moment ago may not have arrived yet when its studio joins: an
 * unknown room is waited for briefly before it is refused.
 */
@Component("broadcastsHealthIndicator")
public class Broadcasts implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);

	private static final String LISTENER = "gateway-broadcast-state";

	private final JsonMapper json;

	private final Duration awaitUnknown;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	private final Map<String, Sinks.One<Known>> awaited = new ConcurrentHashMap<>();

	private volatile boolean caughtUp;

	Broadcasts(JsonMapper json, GatewayProperties properties) {
		this.json = json;
		this.awaitUnknown = properties.awaitUnknownBroadcast();
	}

	/**
	 * The broadcast's status, refusing a room that is no broadcast
	 * ({@code room.not-found}) or one that ended ({@code room.ended}).
	 */
	public Mono<BroadcastStatus> requireOpen(String room) {
		return open(room).map(Known::status);
	}

	/**
	 * Like {@link #requireOpen}, and the owner token must not have been revoked by a
	 * re-issue ({@code room.owner-token-revoked}): broadcast-service announces each
	 * broadcast's owner generation with its snapshots.
	 */
	public Mono<BroadcastStatus> requireOpen(String room, OwnerToken ownerToken) {
		return open(room).map((broadcast) -> {
			if (ownerToken.revokedBy(broadcast.ownerGeneration())) {
				throw new Refusal("room.owner-token-revoked",
						"A newer owner token was issued for broadcast " + room + "; this one was revoked");
			}
			return broadcast.status();
		});
	}

	private Mono<Known> open(String room) {
		Known now = this.known.get(room);
		Mono<Known> status = (now != null) ? Mono.just(now) : arrival(room);
		return status.map((broadcast) -> {
			if (broadcast.status() == BroadcastStatus.ENDED) {
				throw new Refusal("room.ended", "Broadcast " + room + " has ended");
			}
			return broadcast;
		}).switchIfEmpty(Mono.error(() -> new Refusal("room.not-found", "There is no broadcast " + room)));
	}

	private Mono<Known> arrival(String room) {
		Sinks.One<Known> sink = this.awaited.computeIfAbsent(room, (key) -> Sinks.one());
		// It may have arrived between the lookup and the registration.
		Known arrived = this.known.get(room);
		if (arrived != null) {
			return Mono.just(arrived);
		}
		return sink.asMono().timeout(this.awaitUnknown, Mono.empty()).doFinally((signal) -> this.awaited.remove(room));
	}

	@KafkaListener(id = LISTENER, groupId = "${onair.kafka.instance-groups}-broadcasts",
			topicPartitions = @TopicPartition(topic = "${onair.kafka.topics[" + Topics.BROADCAST_STATE + "]}",
					partitions = "0-#{T(dev.onair.contract.Topics).spec('" + Topics.BROADCAST_STATE
							+ "').partitions() - 1}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void onState(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null) {
			this.known.remove(new String(record.key(), StandardCharsets.UTF_8));
			return;
		}
		BroadcastChanged snapshot = this.json.readValue(record.value(), BroadcastChanged.class);
		if (snapshot.id() == null || snapshot.status() == null) {
			throw new IllegalArgumentException(
					"A broadcast snapshot needs id and status: " + new String(record.value(), StandardCharsets.UTF_8));
		}
		Known next = new Known(snapshot.status(), snapshot.version(),
				(snapshot.ownerGeneration() != null) ? snapshot.ownerGeneration() : 0);
		Known kept = this.known.merge(snapshot.id(), next,
				(old, candidate) -> (candidate.version() >= old.version()) ? candidate : old);
		Sinks.One<Known> waiting = this.awaited.remove(snapshot.id());
		if (waiting != null) {
			waiting.tryEmitValue(kept);
		}
	}

	@EventListener(condition = "event.listenerId.startsWith('" + LISTENER + "')")
	void onIdle(ListenerContainerIdleEvent event) {
		if (!this.caughtUp) {
			this.caughtUp = true;
			log.info("Read broadcast.state to its end: {} broadcasts known", this.known.size());
		}
	}

	@Override
	public Health health() {
		return this.caughtUp ? Health.up().withDetail("broadcasts", this.known.size()).build()
				: Health.outOfService().withDetail("reading", "broadcast.state").build();
	}

	/**
	 * What a join needs to know of a broadcast; {@code ownerGeneration} is 0 for
	 * snapshots from before owner generations, which revokes nothing.
	 */
	private record Known(BroadcastStatus status, long version, long ownerGeneration) {

	}

}
