package dev.onair.broadcast.lifecycle;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.broadcast.state.Change;
import dev.onair.contract.media.PublisherEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * READY → LIVE on CONNECTED (or cancels a pending grace timer); on DISCONNECTED starts
 * the grace timer by storing when the publisher left, so the deadline survives restarts
 * ({@link LifecycleSweeper} ends the broadcast when it passes). Events that do not apply
 * (e.g. CONNECTED for an ENDED broadcast) are logged and skipped. The function behind the
 * {@code publisherEvents-in-0} binding (application.yml): a record that cannot be read
 * throws Jackson's or an {@link IllegalArgumentException} and goes to the dead-letter
 * topic at once; any other failure (PostgreSQL away) is retried in place.
 */
@Component("publisherEvents")
class PublisherEvents implements Consumer<Message<String>> {

	private static final Logger log = LoggerFactory.getLogger(PublisherEvents.class);

	/** The consumer thread may block briefly on the database, never indefinitely. */
	private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

	private final JsonMapper json;

	private final BroadcastChanges changes;

	PublisherEvents(JsonMapper json, BroadcastChanges changes) {
		this.json = json;
		this.changes = changes;
	}

	@Override
	public void accept(Message<String> message) {
		String value = message.getPayload();
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
