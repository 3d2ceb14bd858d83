package dev.onair.search.ingest;

import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.onair.contract.presence.ViewerCount;
import dev.onair.search.index.BroadcastIndex;

/**
 * Keeps each broadcast's viewer count current, for the live list's order: the function
 * behind the {@code viewerCounts-in-0} binding, every partition from offset 0 on every
 * replica.
 */
@Component("viewerCounts")
class ViewerCounts implements Consumer<Message<?>> {

	private final JsonMapper json;

	private final BroadcastIndex index;

	private final CatchUp catchUp;

	ViewerCounts(JsonMapper json, BroadcastIndex index, CatchUp catchUp) {
		this.json = json;
		this.index = index;
		this.catchUp = catchUp;
	}

	@Override
	public void accept(Message<?> message) {
		IngestedRecord record = IngestedRecord.of(message);
		try {
			if (record.value() == null) {
				// A deleted count means nobody is counted in that room any more.
				this.index.applyViewers(record.key(), 0);
				return;
			}
			ViewerCount count = this.json.readValue(record.value(), ViewerCount.class);
			if (count.room() == null || count.room().isBlank() || count.viewers() < 0) {
				throw new InvalidRecordException("Viewer count needs a room and viewers >= 0");
			}
			this.index.applyViewers(count.room(), count.viewers());
		}
		finally {
			this.catchUp.reached(record.topic(), record.partition(), record.offset() + 1);
		}
	}

}
