package dev.onair.gateway.whip;

import java.time.Duration;
import java.util.function.Consumer;

import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.gateway.kafka.RecordValue;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Whose media is live in each room, from media-service's publisher events (studio and
 * WHIP alike), for {@link PublishingClaims}. A studio's seat is kept by the instance
 * holding its WebSocket; a WHIP publication has no connection, and the instance that
 * answered its offer may be gone, so its hold on the room comes from its media.
 * <p>
 * One consumer group for all instances: each event is applied once, in the room's order
 * (a fan-out would let a lagging instance apply an older event after a newer one). The
 * function behind {@code publisherEvents-in-0} (application.yml).
 */
@Component("publisherEvents")
class PublisherMedia implements Consumer<Message<?>> {

	/** Listener threads may wait on Redis, bounded. */
	private static final Duration REDIS_WAIT = Duration.ofSeconds(3);

	private final PublishingClaims claims;

	private final JsonMapper json;

	PublisherMedia(PublishingClaims claims, JsonMapper json) {
		this.claims = claims;
		this.json = json;
	}

	/**
	 * Its binding starts from the earliest offset where the group has none yet (the first
	 * deployment, or a partition whose first assignment moved between instances before
	 * anything was committed): the fan-outs' "latest" would drop the events produced
	 * meanwhile. Old events are replayed in order, so each room ends as its last event
	 * says.
	 */
	@Override
	public void accept(Message<?> record) {
		PublisherEvent event = this.json.readValue(RecordValue.of(record), PublisherEvent.class);
		if (event.room() == null || event.session() == null || event.state() == null) {
			throw new IllegalArgumentException("A publisher event needs room, session and state: " + event);
		}
		if (event.state() == PublisherState.CONNECTED) {
			this.claims.mediaLive(event.room(), event.session()).block(REDIS_WAIT);
		}
		else {
			this.claims.mediaStopped(event.room(), event.session()).block(REDIS_WAIT);
		}
	}

}
