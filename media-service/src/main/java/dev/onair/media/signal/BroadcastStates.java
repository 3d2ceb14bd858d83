package dev.onair.media.signal;

import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.media.rooms.Publishing;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * An ENDED snapshot closes the room: viewers are told {@code ended} and the Janus room
 * goes. A new consumer group starts at the end of the compacted topic: rooms of
 * broadcasts that ended before this service first ran do not exist here anyway
 * ({@code start-offset: latest}). The function behind the {@code broadcastStates-in-0}
 * binding (application.yml).
 */
@Component("broadcastStates")
class BroadcastStates implements Consumer<Message<byte[]>> {

	private final JsonMapper json;

	private final Publishing publishing;

	BroadcastStates(JsonMapper json, Publishing publishing) {
		this.json = json;
		this.publishing = publishing;
	}

	@Override
	public void accept(Message<byte[]> message) {
		BroadcastChanged changed = this.json.readValue(message.getPayload(), BroadcastChanged.class);
		if (changed.status() == BroadcastStatus.ENDED && changed.id() != null) {
			this.publishing.end(changed.id());
		}
	}

}
