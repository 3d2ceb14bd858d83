package dev.onair.gateway.whip;

import java.time.Duration;

import dev.onair.contract.Topics;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.gateway.room.PublisherSeats;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a WHIP publication's seat as long as its media flows. A studio's seat is kept by
 * the instance holding its WebSocket; a WHIP publication has none, and the instance that
 * answered its offer may be gone. So the seat lives by time, set from media-service's
 * publisher events: for an owner token's lifetime while the media reaches Janus, a short
 * while once it stopped (the encoder crashed or lost its network), so a restarted encoder
 * gets the room back instead of 409 for a day.
 * <p>
 * One consumer group for all instances: each event is applied once, in the room's order
 * (a fan-out would let a lagging instance apply an older event after a newer one).
 */
@Component
class PublisherMedia {

	/** An owner token's lifetime: no publication outlives it. */
	static final Duration LIVE_SEAT = Duration.ofDays(1);

	/**
	 * Longer than a stall of the encoder's video (Janus reports the media gone after 1 s
	 * without it), shorter than broadcast-service's grace (30 s) before it ends the
	 * broadcast, so the encoder can publish again before that.
	 */
	static final Duration STOPPED_SEAT = Duration.ofSeconds(10);

	/** Listener threads may wait on Redis, bounded. */
	private static final Duration REDIS_WAIT = Duration.ofSeconds(3);

	private final PublisherSeats seats;

	private final JsonMapper json;

	PublisherMedia(PublisherSeats seats, JsonMapper json) {
		this.seats = seats;
		this.json = json;
	}

	/**
	 * From the earliest offset where the group has none yet (the first deployment, or a
	 * partition whose first assignment moved between instances before anything was
	 * committed): the fan-outs' "latest" would drop the events produced meanwhile, and
	 * replaying old ones changes nothing, as they name sessions that hold no seat.
	 */
	@KafkaListener(id = "whip-publisher-media", topics = "${onair.kafka.prefix:}" + Topics.MEDIA_PUBLISHER_EVENTS,
			groupId = "${onair.kafka.prefix:}${spring.application.name}", properties = "auto.offset.reset=earliest")
	void on(String value) {
		PublisherEvent event = this.json.readValue(value, PublisherEvent.class);
		if (event.room() == null || event.session() == null || !event.session().startsWith("w-")) {
			return;
		}
		Duration ttl = (event.state() == PublisherState.CONNECTED) ? LIVE_SEAT : STOPPED_SEAT;
		this.seats.expireIfHeld(event.room(), event.session(), ttl).block(REDIS_WAIT);
	}

}
