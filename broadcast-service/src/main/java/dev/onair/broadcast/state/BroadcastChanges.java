package dev.onair.broadcast.state;

import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.onair.broadcast.outbox.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Every write to a broadcast. Each runs in one transaction that locks the row
 * ({@code select ... for update}), so concurrent changes of one broadcast are serialized:
 * two concurrent "end" requests produce exactly one ENDED version, the second sees ENDED
 * and changes nothing. When the snapshot differs, the version goes up by one and the
 * snapshot is appended to the outbox in the same transaction.
 */
@Service
public class BroadcastChanges {

	private final BroadcastStore store;

	private final Outbox outbox;

	private final TransactionalOperator tx;

	BroadcastChanges(BroadcastStore store, Outbox outbox, TransactionalOperator tx) {
		this.store = store;
		this.outbox = outbox;
		this.tx = tx;
	}

	/** Stores a new broadcast as version 1 and queues its first snapshot. */
	public Mono<Broadcast> create(Broadcast fresh) {
		Broadcast first = fresh.withVersion(1);
		return this.store.insert(first)
			.then(this.outbox.append(first.snapshot()))
			.thenReturn(first)
			.as(this.tx::transactional);
	}

	/**
	 * Applies {@code rule} to the locked row. Empty when the broadcast does not exist; an
	 * exception thrown by {@code rule} rolls the transaction back.
	 */
	public Mono<Change> change(UUID id, UnaryOperator<Broadcast> rule) {
		return this.store.lock(id).flatMap((before) -> write(before, rule.apply(before))).as(this.tx::transactional);
	}

	private Mono<Change> write(Broadcast before, Broadcast changed) {
		if (changed.equals(before)) {
			return Mono.just(new Change(before, before));
		}
		if (changed.snapshot().equals(before.snapshot())) {
			// Only internal columns changed (e.g. the publisher's grace timer): no new
			// version, nothing for consumers.
			return this.store.update(changed).thenReturn(new Change(before, changed));
		}
		Broadcast next = changed.withVersion(before.version() + 1);
		return this.store.update(next).then(this.outbox.append(next.snapshot())).thenReturn(new Change(before, next));
	}

}
