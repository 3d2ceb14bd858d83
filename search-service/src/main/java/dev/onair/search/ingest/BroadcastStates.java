package dev.onair.search.ingest;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.search.index.BroadcastIndex;

/**
 * Indexes broadcast snapshots: the function behind the {@code broadcastState-in-0}
 * binding, which assigns every partition to every replica and reads from offset 0
 * (application.yml), so each replica holds every broadcast.
 */
@Component("broadcastState")
class BroadcastStates implements Consumer<Message<?>> {

	private static final Logger log = LoggerFactory.getLogger(BroadcastStates.class);

	private final JsonMapper json;

	private final BroadcastIndex index;

	private final CatchUp catchUp;

	BroadcastStates(JsonMapper json, BroadcastIndex index, CatchUp catchUp) {
		this.json = json;
		this.index = index;
		this.catchUp = catchUp;
	}

	@Override
	public void accept(Message<?> message) {
		IngestedRecord record = IngestedRecord.of(message);
		try {
			if (record.value() == null) {
				requireKey(record);
				this.index.remove(record.key());
				log.info("Broadcast removed from the index broadcastId={}", record.key());
				return;
			}
			BroadcastChanged snapshot = validated(record.key(),
					this.json.readValue(record.value(), BroadcastChanged.class));
			if (this.index.apply(snapshot)) {
				log.debug("Broadcast indexed broadcastId={} version={} status={}", snapshot.id(), snapshot.version(),
						snapshot.status());
			}
		}
		finally {
			this.catchUp.reached(record.topic(), record.partition(), record.offset() + 1);
		}
	}

	private static void requireKey(IngestedRecord record) {
		if (record.key() == null || record.key().isBlank()) {
			throw new InvalidRecordException("Broadcast record without a key at offset " + record.offset());
		}
	}

	/** Checks what the index relies on and fills optional fields with empty values. */
	private static BroadcastChanged validated(String key, BroadcastChanged in) {
		if (in.id() == null || in.id().isBlank() || in.status() == null || in.title() == null || in.version() < 1) {
			throw new InvalidRecordException("Broadcast snapshot needs id, version >= 1, status and title");
		}
		if (key != null && !key.equals(in.id())) {
			throw new InvalidRecordException("Broadcast snapshot key " + key + " is not its id " + in.id());
		}
		List<String> tags = (in.tags() != null) ? in.tags().stream().filter(Objects::nonNull).toList() : List.of();
		String description = (in.description() != null) ? in.description() : "";
		return new BroadcastChanged(in.id(), in.version(), in.status(), in.title(), description, tags, in.createdAt(),
				in.startedAt(), in.endedAt(), in.peakViewers(), in.thumbnailUrl());
	}

}
