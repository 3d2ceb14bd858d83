package dev.onair.broadcast.lifecycle;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.contract.presence.ViewerCount;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Records the viewer peak reported by presence-service; only a higher peak writes (and
 * publishes) anything, so the usual stream of equal counts costs one locked read each.
 * The function behind the {@code viewerCounts-in-0} binding, with the same failure
 * handling as {@link PublisherEvents}.
 */
@Component("viewerCounts")
class ViewerCounts implements Consumer<Message<String>> {

	private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

	private final JsonMapper json;

	private final BroadcastChanges changes;

	ViewerCounts(JsonMapper json, BroadcastChanges changes) {
		this.json = json;
		this.changes = changes;
	}

	@Override
	public void accept(Message<String> message) {
		String value = message.getPayload();
		ViewerCount count = this.json.readValue(value, ViewerCount.class);
		if (count.room() == null) {
			throw new IllegalArgumentException("Viewer count without room: " + value);
		}
		long peak = Math.max(count.peak(), count.viewers());
		this.changes.change(UUID.fromString(count.room()), (b) -> b.viewers(peak)).block(DB_TIMEOUT);
	}

}
