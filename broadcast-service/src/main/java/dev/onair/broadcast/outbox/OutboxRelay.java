package dev.onair.broadcast.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.onair.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes pending outbox rows to {@code broadcast.state}, oldest first, keyed by
 * broadcast id, with the idempotent {@code acks=all} producer. A row is marked sent only
 * when it and every row before it in the batch were acknowledged; after a failure the
 * rest waits for the next round, so snapshots reach Kafka in version order and, at worst,
 * an already delivered one is repeated (consumers ignore versions they have seen).
 * <p>
 * One relay runs at a time across instances: each round holds a transaction-scoped
 * PostgreSQL advisory lock, so two instances never interleave their batches.
 */
@Component
class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 500;

	/** Advisory lock id of the relay ("outbox" in ASCII). */
	private static final long LOCK = 0x6f7574626f78L;

	/** Longer than the producer's delivery timeout, so the producer gives up first. */
	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	private final DatabaseClient db;

	private final TransactionalOperator tx;

	private final KafkaTemplate<String, String> kafka;

	private final String topic;

	OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, String> kafka,
			@Value("${onair.kafka.prefix:}") String prefix) {
		this.db = db;
		this.tx = tx;
		this.kafka = kafka;
		this.topic = prefix + Topics.BROADCAST_STATE;
	}

	@Scheduled(fixedDelayString = "${onair.outbox.poll-interval:100ms}")
	void relay() {
		try {
			Integer sent;
			do {
				sent = relayBatch().block(ACK_TIMEOUT.plusSeconds(10));
			}
			while (sent != null && sent == BATCH);
		}
		catch (RuntimeException ex) {
			log.warn("Outbox relay round failed, retrying on the next poll: {}", ex.toString());
		}
	}

	/** Forget delivered rows after an hour; they are kept that long for inspection. */
	@Scheduled(fixedDelayString = "${onair.outbox.cleanup-interval:5m}")
	void cleanUp() {
		this.db.sql("delete from outbox where sent_at < now() - interval '1 hour'").then().block(ACK_TIMEOUT);
	}

	Mono<Integer> relayBatch() {
		return this.db.sql("select pg_try_advisory_xact_lock(:lock) as locked")
			.bind("lock", LOCK)
			.map((row) -> row.get("locked", Boolean.class))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> pending())
			.filter((rows) -> !rows.isEmpty())
			.flatMap((rows) -> Mono.fromCallable(() -> publish(rows)).subscribeOn(Schedulers.boundedElastic()))
			.flatMap(this::markSent)
			.as(this.tx::transactional)
			.defaultIfEmpty(0);
	}

	private Mono<List<Pending>> pending() {
		return this.db
			.sql("select id, broadcast_id, payload from outbox where sent_at is null order by id limit :limit")
			.bind("limit", BATCH)
			.map((row) -> new Pending(row.get("id", Long.class),
					row.get("broadcast_id", java.util.UUID.class).toString(), row.get("payload", String.class)))
			.all()
			.collectList();
	}

	/** Sends the batch and returns the ids of its acknowledged prefix. */
	private List<Long> publish(List<Pending> rows) {
		List<CompletableFuture<?>> sends = new ArrayList<>();
		try {
			for (Pending row : rows) {
				sends.add(this.kafka.send(this.topic, row.key(), row.payload()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Kafka refused snapshot {} of the outbox; it stays pending: {}", rows.get(sends.size()).id(),
					ex.toString());
		}
		List<Long> acknowledged = new ArrayList<>();
		for (int i = 0; i < sends.size(); i++) {
			try {
				sends.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				acknowledged.add(rows.get(i).id());
			}
			catch (ExecutionException | TimeoutException ex) {
				log.warn("Snapshot {} of the outbox not acknowledged; it and later ones stay pending: {}",
						rows.get(i).id(), ex.toString());
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return acknowledged;
	}

	private Mono<Integer> markSent(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(0);
		}
		return this.db.sql("update outbox set sent_at = now() where id = any(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.then()
			.thenReturn(ids.size());
	}

	private record Pending(long id, String key, String payload) {
	}

}
