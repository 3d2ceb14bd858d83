package dev.onair.broadcast.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.broadcast.state.BroadcastStore;
import dev.onair.contract.broadcast.BroadcastStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends broadcasts whose deadline passed: LIVE ones whose publisher has been gone longer
 * than the grace period, READY ones that never started within their time to live. The
 * deadlines are columns, not timers, so they hold across restarts and any instance may
 * sweep; the condition is checked again under the row lock, so a reconnect that wins the
 * race keeps the broadcast LIVE and concurrent sweeps end it once.
 */
@Component
class LifecycleSweeper {

	private static final Logger log = LoggerFactory.getLogger(LifecycleSweeper.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final BroadcastStore store;

	private final BroadcastChanges changes;

	private final LifecycleProperties properties;

	LifecycleSweeper(BroadcastStore store, BroadcastChanges changes, LifecycleProperties properties) {
		this.store = store;
		this.changes = changes;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${onair.lifecycle.sweep-interval:1s}")
	void sweep() {
		try {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			Instant graceCutoff = now.minus(this.properties.publisherGrace());
			end(this.store.publisherGoneBefore(graceCutoff), now, "publisher gone past the grace period",
					(b) -> b.status() == BroadcastStatus.LIVE && b.publisherGoneAt() != null
							&& b.publisherGoneAt().isBefore(graceCutoff));
			Instant readyCutoff = now.minus(this.properties.readyTtl());
			end(this.store.readySince(readyCutoff), now, "never started",
					(b) -> b.status() == BroadcastStatus.READY && b.createdAt().isBefore(readyCutoff));
		}
		catch (RuntimeException ex) {
			log.warn("Lifecycle sweep failed, retrying on the next one: {}", ex.toString());
		}
	}

	private void end(Flux<UUID> candidates, Instant now, String reason, Predicate<Broadcast> stillDue) {
		// Collect first: the candidate query releases its connection before the changes
		// take theirs.
		candidates.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((id) -> this.changes.change(id, (b) -> stillDue.test(b) ? b.ended(now) : b))
			.filter((change) -> change.applied())
			.doOnNext((change) -> log.atInfo()
				.addKeyValue("broadcast", change.after().id())
				.addKeyValue("reason", reason)
				.log("Broadcast ended"))
			.then()
			.block(TIMEOUT);
	}

}
