package dev.onair.broadcast.lifecycle;

import java.time.Duration;
import java.util.UUID;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.broadcast.state.Change;
import dev.onair.contract.Topics;
import dev.onair.contract.media.PublisherEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * READY → LIVE on CONNECTED (or cancels a pending grace timer); on DISCONNECTED starts
 * the grace timer by storing when the publisher left, so the deadline survives restarts
 * ({@link LifecycleSweeper} ends the broadcast when it passes). Events that do not apply
 * (e.g. CONNECTED for an ENDED broadcast) are logged and skipped; a record that cannot be
 * read throws and goes to the dead-letter topic.
 */
@Component
class PublisherEventListener {

	private static final Logger log = LoggerFactory.getLogger(PublisherEventListener.class);

	/** The consumer thread may block briefly on the database, never indefinitely. */
	private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

	private final JsonMapper json;

	private final BroadcastChanges changes;

	PublisherEventListener(JsonMapper json, BroadcastChanges changes) {
		this.json = json;
		this.changes = changes;
	}

	@KafkaListener(topics = "${onair.kafka.prefix:}" + Topics.MEDIA_PUBLISHER_EVENTS,
			groupId = "${onair.kafka.prefix:}${spring.application.name}")
	void on(String value) {
		PublisherEvent event = this.json.readValue(value, PublisherEvent.class);
		if (event.room() == null || event.state() == null || event.at() == null) {
			throw new IllegalArgumentException("Publisher event without room, state or at: " + value);
		}
		UUID room = UUID.fromString(event.room());
		Change change = this.changes.change(room, (b) -> apply(b, event)).block(DB_TIMEOUT);
		if (change == null) {
			log.atWarn().addKeyValue("broadcast", room).log("Publisher event for an unknown broadcast ignored");
		}
		else if (!change.applied()) {
			log.atInfo()
				.addKeyValue("broadcast", room)
				.addKeyValue("status", change.before().status())
				.addKeyValue("event", event.state())
				.log("Publisher event does not apply in this state; ignored");
		}
		else {
			log.atInfo()
				.addKeyValue("broadcast", room)
				.addKeyValue("status", change.after().status())
				.addKeyValue("event", event.state())
				.log("Publisher event applied");
		}
	}

	private static Broadcast apply(Broadcast b, PublisherEvent event) {
		return switch (event.state()) {
			case CONNECTED -> b.publisherConnected(event.at());
			case DISCONNECTED -> b.publisherDisconnected(event.at());
		};
	}

}
