package dev.onair.broadcast.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.broadcast.outbox.RelayLock.Pending;
import io.r2dbc.spi.ConnectionFactory;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes pending outbox rows to {@code broadcast.state}, keyed by broadcast id, with
 * the idempotent {@code acks=all} producer, outside any database transaction.
 * <p>
 * Progress is per broadcast: each round sends the pending rows of every broadcast that
 * has none in flight, in version order, and does not wait for them. When a broadcast's
 * sends settle, the acknowledged prefix of its rows is marked sent and the broadcast may
 * go out again in a later round. A partition without a leader therefore holds back only
 * the broadcasts it carries (until the producer gives up on them after
 * {@code delivery.timeout.ms}, then they are sent again); every other broadcast's
 * snapshots keep flowing every poll interval.
 * <p>
 * Sending again is harmless: {@code broadcast.state} is compacted and keyed by broadcast
 * id, each snapshot is the whole state with its version, and consumers ignore versions
 * they have seen, so a repeat changes nothing downstream. Only the acknowledged prefix is
 * marked: when an older snapshot is sent again after a newer one went through, the newer
 * one is sent again after it, so the last record of a key (what compaction keeps) is
 * always the newest version acknowledged.
 * <p>
 * Why {@link KafkaTemplate} and not a Spring Cloud Stream output binding: the relay needs
 * each send's own acknowledgement, without waiting for it. {@code StreamBridge.send}
 * answers only whether the message was handed over; with {@code sync: true} each send
 * waits for its acknowledgement on the relay's thread, so one partition without a leader
 * would hold back every broadcast for {@code delivery.timeout.ms}.
 */
@Component
class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 500;

	/** Database round trips of the relay; the relay's own thread waits for them. */
	private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Longer than the producer's {@code delivery.timeout.ms} (15 s), so the producer
	 * gives up first; a broadcast whose sends never settled is sent again after it.
	 */
	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How long a broadcast whose send failed waits before it is sent again: a refusal
	 * that comes at once (a record too large, no metadata) would otherwise repeat every
	 * poll.
	 */
	private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

	private final DatabaseClient db;

	private final RelayLock lock;

	private final OutboxBacklog backlog;

	private final KafkaTemplate<String, String> kafka;

	private final String topic;

	/** Broadcasts with sends in flight; their later rows wait for those to settle. */
	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	OutboxRelay(DatabaseClient db, ConnectionFactory connections, OutboxBacklog backlog,
			KafkaTemplate<String, String> kafka, @Value("${onair.outbox.topic}") String topic) {
		this.db = db;
		this.lock = new RelayLock(connections);
		this.backlog = backlog;
		this.kafka = kafka;
		this.topic = topic;
	}

	@Scheduled(fixedDelayString = "${onair.outbox.poll-interval:100ms}")
	void relay() {
		try {
			this.backlog.refresh();
			List<Pending> rows = this.lock.pending(List.copyOf(this.inFlight), BATCH).collectList().block(DB_TIMEOUT);
			if (rows == null) {
				return;
			}
			for (Map.Entry<UUID, List<Pending>> broadcast : byBroadcast(rows).entrySet()) {
				if (!send(broadcast.getKey(), broadcast.getValue())) {
					// A send waited max.block.ms for metadata or buffer space: every
					// other
					// would wait as long, so the rest waits for the next round.
					break;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Outbox relay round failed, retrying on the next poll: {}", ex.toString());
		}
	}

	/** Forget delivered rows after an hour; they are kept that long for inspection. */
	@Scheduled(fixedDelayString = "${onair.outbox.cleanup-interval:5m}")
	void cleanUp() {
		this.db.sql("delete from outbox where sent_at < now() - interval '1 hour'").then().block(DB_TIMEOUT);
	}

	@PreDestroy
	void stop() {
		this.lock.release();
	}

	/**
	 * Sends one broadcast's rows in order on the calling (scheduling) thread, where
	 * {@code send} may wait up to {@code max.block.ms}; marks them once all settled,
	 * continuing on {@code parallel}, never on the producer's network thread. False when
	 * the producer timed out before it could take a record.
	 */
	private boolean send(UUID broadcast, List<Pending> rows) {
		this.inFlight.add(broadcast);
		List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
		for (Pending row : rows) {
			CompletableFuture<?> ack = sendOne(row);
			acks.add(ack);
			if (ack.isCompletedExceptionally()) {
				// Refused at once: the later ones wait, so they never go out before it.
				break;
			}
		}
		Mono.fromFuture(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null))
			.timeout(ACK_TIMEOUT)
			.onErrorComplete()
			.publishOn(Schedulers.parallel())
			.then(Mono.defer(() -> {
				List<Long> acknowledged = acknowledgedPrefix(rows, acks);
				Mono<Void> marked = markSent(acknowledged);
				return (acknowledged.size() == rows.size()) ? marked : marked.then(Mono.delay(RETRY_PAUSE)).then();
			}))
			.doFinally((signal) -> this.inFlight.remove(broadcast))
			.subscribe(null,
					(ex) -> log.warn("Could not mark snapshots of broadcast {} as sent; they are sent again: {}",
							broadcast, ex.toString()));
		return acks.stream().noneMatch(OutboxRelay::timedOutAtOnce);
	}

	private static boolean timedOutAtOnce(CompletableFuture<?> ack) {
		return ack.isCompletedExceptionally()
				&& NestedExceptionUtils.getMostSpecificCause(ack.exceptionNow()) instanceof TimeoutException;
	}

	private CompletableFuture<?> sendOne(Pending row) {
		try {
			return this.kafka.send(this.topic, row.broadcast().toString(), row.payload());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static List<Long> acknowledgedPrefix(List<Pending> rows, List<CompletableFuture<?>> acks) {
		List<Long> acknowledged = new ArrayList<>();
		for (int i = 0; i < acks.size(); i++) {
			CompletableFuture<?> ack = acks.get(i);
			if (!ack.isDone() || ack.isCompletedExceptionally()) {
				log.warn(
						"Snapshot {} of the outbox not acknowledged; it and later ones of broadcast {} stay pending: {}",
						rows.get(i).id(), rows.get(i).broadcast(),
						ack.isDone() ? ack.exceptionNow().toString() : "no answer");
				break;
			}
			acknowledged.add(rows.get(i).id());
		}
		return acknowledged;
	}

	private Mono<Void> markSent(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("update outbox set sent_at = now() where id = any(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.then();
	}

	private static Map<UUID, List<Pending>> byBroadcast(List<Pending> rows) {
		Map<UUID, List<Pending>> byBroadcast = new LinkedHashMap<>();
		for (Pending row : rows) {
			byBroadcast.computeIfAbsent(row.broadcast(), (id) -> new ArrayList<>()).add(row);
		}
		return byBroadcast;
	}

}
