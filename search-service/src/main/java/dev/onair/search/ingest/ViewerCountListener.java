package dev.onair.search.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.search.index.BroadcastIndex;

/** Keeps each broadcast's viewer count current, for the live list's order. */
@Component
class ViewerCountListener {

	private final JsonMapper json;

	private final BroadcastIndex index;

	private final CatchUp catchUp;

	ViewerCountListener(JsonMapper json, BroadcastIndex index, CatchUp catchUp) {
		this.json = json;
		this.index = index;
		this.catchUp = catchUp;
	}

	@KafkaListener(id = "search-viewer-counts", groupId = "${onair.kafka.prefix:}${spring.application.name}",
			topicPartitions = @TopicPartition(topic = "${onair.kafka.prefix:}" + Topics.PRESENCE_VIEWER_COUNTS,
					partitions = "0-#{T(dev.onair.contract.Topics).spec('" + Topics.PRESENCE_VIEWER_COUNTS
							+ "').partitions() - 1}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(ConsumerRecord<String, String> record) {
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
