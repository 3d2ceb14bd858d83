package dev.onair.media.signal;

import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.media.rooms.Publishing;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An ENDED snapshot closes the room: viewers are told {@code ended} and the Janus room
 * goes. A new consumer group starts at the end of the compacted topic: rooms of
 * broadcasts that ended before this service first ran do not exist here anyway.
 */
@Component
class BroadcastEndedListener {

	private final JsonMapper json;

	private final Publishing publishing;

	BroadcastEndedListener(JsonMapper json, Publishing publishing) {
		this.json = json;
		this.publishing = publishing;
	}

	@KafkaListener(id = "broadcast-state", topics = "${onair.kafka.prefix:}" + Topics.BROADCAST_STATE,
			groupId = "${onair.kafka.prefix:}${spring.application.name}", properties = "auto.offset.reset=latest")
	void on(String value) {
		BroadcastChanged changed = this.json.readValue(value, BroadcastChanged.class);
		if (changed.status() == BroadcastStatus.ENDED && changed.id() != null) {
			this.publishing.end(changed.id());
		}
	}

}
