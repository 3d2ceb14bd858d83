package dev.onair.presence.sessions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * One {@code presence.sessions} record of a batch the binder delivers: the payload is the
 * list of values and each header a list in the same order. Key and value stay bytes (the
 * binder's deserializers), so a dead letter carries them exactly as they came.
 */
record SessionRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

	static List<SessionRecord> of(Message<? extends List<?>> batch) {
		List<?> values = batch.getPayload();
		List<?> keys = header(batch, KafkaHeaders.RECEIVED_KEY);
		List<?> topics = header(batch, KafkaHeaders.RECEIVED_TOPIC);
		List<?> partitions = header(batch, KafkaHeaders.RECEIVED_PARTITION);
		List<?> offsets = header(batch, KafkaHeaders.OFFSET);
		List<SessionRecord> records = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			records.add(new SessionRecord((String) topics.get(i), (Integer) partitions.get(i), (Long) offsets.get(i),
					bytes(keys.get(i)), bytes(values.get(i))));
		}
		return records;
	}

	String keyText() {
		return (this.key != null) ? new String(this.key, StandardCharsets.UTF_8) : null;
	}

	String where() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

	private static List<?> header(Message<?> batch, String name) {
		List<?> values = batch.getHeaders().get(name, List.class);
		if (values == null) {
			throw new IllegalStateException("Batch without the " + name + " header: is batch-mode on?");
		}
		return values;
	}

	/** A tombstone's value arrives as {@code null}. */
	private static byte[] bytes(Object value) {
		return switch (value) {
			case null -> null;
			case byte[] bytes -> bytes;
			default -> throw new IllegalStateException("Unexpected " + value.getClass().getName() + " in a batch");
		};
	}

}
