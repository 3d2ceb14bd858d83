package dev.onair.presence.sessions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends {@code presence.sessions} records to {@code presence.sessions.dlt} through the
 * {@code sessionDeadLetters-out-0} binding (application.yml): the record's key and value
 * as they came, and the headers spring-kafka's dead-letter publisher wrote (where it came
 * from, what went wrong). The binding is synchronous, so a dead letter that Kafka did not
 * acknowledge throws and its batch is not committed.
 */
@Component
public class SessionDeadLetters {

	static final String BINDING = "sessionDeadLetters-out-0";

	private final StreamBridge bridge;

	SessionDeadLetters(StreamBridge bridge) {
		this.bridge = bridge;
	}

	/** A record of a batch given up on by the container's error handler. */
	public void send(ConsumerRecord<?, ?> record, Exception problem) {
		send(new SessionRecord(record.topic(), record.partition(), record.offset(), bytes(record.key()),
				bytes(record.value())), problem);
	}

	void send(SessionRecord record, Exception problem) {
		MessageBuilder<?> message = (record.value() != null) ? MessageBuilder.withPayload(record.value())
				: MessageBuilder.withPayload(KafkaNull.INSTANCE);
		if (record.key() != null) {
			message.setHeader(KafkaHeaders.KEY, record.key());
		}
		message.setHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()))
			.setHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION,
					ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array())
			.setHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET,
					ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array())
			.setHeader(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(problem.getClass().getName()));
		if (problem.getMessage() != null) {
			message.setHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(problem.getMessage()));
		}
		if (!this.bridge.send(BINDING, message.build())) {
			throw new IllegalStateException("Dead letter of " + record.where() + " not sent");
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(Object keyOrValue) {
		return switch (keyOrValue) {
			case null -> null;
			case byte[] bytes -> bytes;
			default -> utf8(keyOrValue.toString());
		};
	}

}
