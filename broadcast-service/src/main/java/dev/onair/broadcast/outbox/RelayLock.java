package dev.onair.broadcast.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes one instance the relay: a PostgreSQL session advisory lock taken on a connection
 * the relay keeps for as long as it relays. A transaction-scoped lock would end with each
 * round, while sends of that round are still in flight; another instance relaying then
 * could put an older snapshot of a broadcast behind a newer one. The lock lives exactly
 * as long as that connection: an instance that dies, or whose connection breaks, gives it
 * up without anyone waiting for a timeout.
 * <p>
 * Pending rows are read on this very connection, so every round also proves the lock is
 * still held; a failure drops the connection and the next round tries again.
 */
final class RelayLock {

	private static final Logger log = LoggerFactory.getLogger(RelayLock.class);

	/** Advisory lock id of the relay ("outbox" in ASCII). */
	private static final long LOCK = 0x6f7574626f78L;

	/**
	 * A connection that stops answering (a half-open TCP connection after a network
	 * failure) is dropped after this long rather than asked again every round.
	 */
	private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

	private final ConnectionFactory connections;

	/**
	 * Set while this instance is the relay; only the relay's scheduled rounds touch it.
	 */
	private volatile Connection held;

	RelayLock(ConnectionFactory connections) {
		this.connections = connections;
	}

	/**
	 * Up to {@code limit} pending rows in id order, leaving out the broadcasts in
	 * {@code skipped}; empty when another instance is the relay.
	 */
	Flux<Pending> pending(List<UUID> skipped, int limit) {
		return acquire().flatMapMany((connection) -> Flux
			.from(connection
				.createStatement("select id, broadcast_id, payload from outbox"
						+ " where sent_at is null and broadcast_id <> all($1) order by id limit $2")
				.bind("$1", skipped.toArray(UUID[]::new))
				.bind("$2", limit)
				.execute())
			.flatMap((result) -> result.map((row, meta) -> new Pending(row.get("id", Long.class),
					row.get("broadcast_id", UUID.class), row.get("payload", String.class))))
			.timeout(QUERY_TIMEOUT)
			.onErrorResume((ex) -> drop(connection).then(Mono.error(ex))));
	}

	/** Gives the lock back (at shutdown), so another instance takes over at once. */
	void release() {
		Connection connection = this.held;
		if (connection == null) {
			return;
		}
		this.held = null;
		unlockAndClose(connection).block(Duration.ofSeconds(5));
	}

	private Mono<Connection> acquire() {
		Connection connection = this.held;
		if (connection != null) {
			return Mono.just(connection);
		}
		return Mono.from(this.connections.create())
			.flatMap((fresh) -> Flux
				.from(fresh.createStatement("select pg_try_advisory_lock($1) as locked").bind("$1", LOCK).execute())
				.flatMap((result) -> result.map((row, meta) -> row.get("locked", Boolean.class)))
				.next()
				.onErrorResume((ex) -> Mono.from(fresh.close()).then(Mono.error(ex)))
				.flatMap((locked) -> {
					if (!locked) {
						return Mono.from(fresh.close()).then(Mono.empty());
					}
					log.info("This instance relays the outbox");
					this.held = fresh;
					return Mono.just(fresh);
				}));
	}

	/**
	 * The connection failed or stopped answering: PostgreSQL releases the lock with the
	 * session.
	 */
	private Mono<Void> drop(Connection connection) {
		if (this.held == connection) {
			this.held = null;
			log.warn("Outbox relay lost its database connection; it takes the lock again when it can");
		}
		return unlockAndClose(connection);
	}

	/**
	 * Closing gives the connection back to the pool, where a session lock would outlive
	 * the relay and keep every instance from relaying: unlock first (a broken connection
	 * has lost it already).
	 */
	private static Mono<Void> unlockAndClose(Connection connection) {
		return Flux.from(connection.createStatement("select pg_advisory_unlock_all()").execute())
			.flatMap((result) -> result.map((row, meta) -> 1))
			.then()
			.onErrorComplete()
			.then(Mono.from(connection.close()))
			.onErrorComplete();
	}

	record Pending(long id, UUID broadcast, String payload) {
	}

}
