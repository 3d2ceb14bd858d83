package dev.onair.gateway.kafka;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The value of a record as the Kafka binder hands it to a binding's function: its bytes
 * as produced (JSON text), by the binder's byte-array deserializer.
 */
public final class RecordValue {

	private RecordValue() {
	}

	/**
	 * The record's bytes; a tombstone (the binder's {@code KafkaNull}) is refused as
	 * unreadable: the topics read this way carry none.
	 */
	public static byte[] of(Message<?> record) {
		if (record.getPayload() instanceof byte[] value) {
			return value;
		}
		throw new IllegalArgumentException("A record without a value on "
				+ record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC) + ": " + record.getPayload());
	}

}
