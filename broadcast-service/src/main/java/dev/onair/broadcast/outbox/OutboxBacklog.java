package dev.onair.broadcast.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The outbox's backlog as metrics: {@code onair_outbox_backlog}, rows not yet
 * acknowledged by Kafka (the alert {@code OnAirOutboxBacklog} in
 * {@code k8s/base/monitoring.yaml} fires when it has not touched 0 for 5 minutes), and
 * {@code onair_outbox_oldest_age_seconds}, how long the oldest of them has waited. Read
 * from the table every relay round on every instance (one indexed query over the pending
 * rows only), so an instance that is not the relay reports it too.
 */
@Component
class OutboxBacklog {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final DatabaseClient db;

	private final AtomicLong rows = new AtomicLong();

	private final AtomicLong oldestAgeMillis = new AtomicLong();

	OutboxBacklog(DatabaseClient db, MeterRegistry registry) {
		this.db = db;
		Gauge.builder("onair.outbox.backlog", this.rows, AtomicLong::get)
			.description("Outbox rows not yet acknowledged by Kafka")
			.register(registry);
		TimeGauge.builder("onair.outbox.oldest.age", this.oldestAgeMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
			.description("How long the oldest outbox row not yet acknowledged by Kafka has waited")
			.register(registry);
	}

	/** Reads the figures again; called by the relay's thread, which may wait. */
	void refresh() {
		this.db
			.sql("select count(*) as pending, coalesce(extract(epoch from now() - min(created_at)) * 1000, 0) as age"
					+ " from outbox where sent_at is null")
			.map((row) -> {
				this.rows.set(row.get("pending", Long.class));
				this.oldestAgeMillis.set(row.get("age", Number.class).longValue());
				return true;
			})
			.one()
			.block(TIMEOUT);
	}

}
