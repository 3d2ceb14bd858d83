package dev.onair.broadcast.lifecycle;

import java.time.Duration;
import java.util.UUID;

import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.contract.Topics;
import dev.onair.contract.presence.ViewerCount;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Records the viewer peak reported by presence-service; only a higher peak writes (and
 * publishes) anything, so the usual stream of equal counts costs one locked read each.
 */
@Component
class ViewerCountListener {

	private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

	private final JsonMapper json;

	private final BroadcastChanges changes;

	ViewerCountListener(JsonMapper json, BroadcastChanges changes) {
		this.json = json;
		this.changes = changes;
	}

	@KafkaListener(topics = "${onair.kafka.prefix:}" + Topics.PRESENCE_VIEWER_COUNTS,
			groupId = "${onair.kafka.prefix:}${spring.application.name}")
	void on(String value) {
		ViewerCount count = this.json.readValue(value, ViewerCount.class);
		if (count.room() == null) {
			throw new IllegalArgumentException("Viewer count without room: " + value);
		}
		long peak = Math.max(count.peak(), count.viewers());
		this.changes.change(UUID.fromString(count.room()), (b) -> b.viewers(peak)).block(DB_TIMEOUT);
	}

}
