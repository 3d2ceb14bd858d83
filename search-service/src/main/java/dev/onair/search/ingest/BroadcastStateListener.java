package dev.onair.search.ingest;

import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.search.index.BroadcastIndex;

/**
 * Indexes broadcast snapshots. All partitions are assigned to every replica and read from
 * offset 0, so each replica holds every broadcast.
 */
@Component
class BroadcastStateListener {

	private static final Logger log = LoggerFactory.getLogger(BroadcastStateListener.class);

	private final JsonMapper json;

	private final BroadcastIndex index;

	private final CatchUp catchUp;

	BroadcastStateListener(JsonMapper json, BroadcastIndex index, CatchUp catchUp) {
		this.json = json;
		this.index = index;
		this.catchUp = catchUp;
	}

	@KafkaListener(id = "search-broadcast-state", groupId = "${onair.kafka.prefix:}${spring.application.name}",
			topicPartitions = @TopicPartition(topic = "${onair.kafka.prefix:}" + Topics.BROADCAST_STATE,
					partitions = "0-#{T(dev.onair.contract.Topics).spec('" + Topics.BROADCAST_STATE
							+ "').partitions() - 1}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(ConsumerRecord<String, String> record) {
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

	private static void requireKey(ConsumerRecord<String, String> record) {
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
