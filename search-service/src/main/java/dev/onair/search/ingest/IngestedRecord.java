package dev.onair.search.ingest;

import java.nio.charset.StandardCharsets;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * What the ingest reads of a record the binder delivers: where it came from and its key
 * and value as text, {@code value} {@code null} for a tombstone (the binder hands those
 * over as {@link KafkaNull}). Both arrive as bytes: the binder's dead-letter producer
 * sends the record as it came, so its key is not deserialized either.
 */
record IngestedRecord(String topic, int partition, long offset, String key, String value) {

	static IngestedRecord of(Message<?> message) {
		Object payload = message.getPayload();
		String value = (payload instanceof KafkaNull) ? null : new String((byte[]) payload, StandardCharsets.UTF_8);
		Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
		return new IngestedRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class),
				message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class),
				message.getHeaders().get(KafkaHeaders.OFFSET, Long.class),
				(key != null) ? new String((byte[]) key, StandardCharsets.UTF_8) : null, value);
	}

}
