package dev.onair.presence;

import java.time.Duration;
import java.util.Arrays;

import dev.onair.contract.Topics;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * The listener container the binder runs for {@code sessionEvents-in-0}, caught from the
 * event it publishes when it starts, so a test can wait for its assignment and pause or
 * restart it as Kafka's own consumer (the binding's pause only asks for one).
 */
@TestComponent
final class SessionsConsumer implements ApplicationListener<ConsumerStartingEvent> {

	private volatile MessageListenerContainer container;

	@Override
	public void onApplicationEvent(ConsumerStartingEvent event) {
		MessageListenerContainer started = event.getContainer(MessageListenerContainer.class);
		String[] topics = started.getContainerProperties().getTopics();
		if (topics != null && Arrays.stream(topics).anyMatch((topic) -> topic.endsWith(Topics.PRESENCE_SESSIONS))) {
			this.container = started;
		}
	}

	MessageListenerContainer container() {
		await("the presence.sessions consumer starts").atMost(Duration.ofSeconds(30))
			.until(() -> this.container != null);
		return this.container;
	}

	/** Waits until Kafka has assigned this instance partitions of presence.sessions. */
	MessageListenerContainer awaitAssignment(Duration atMost) {
		MessageListenerContainer sessions = container();
		await("presence-service is assigned partitions of presence.sessions").atMost(atMost)
			.until(() -> sessions.getAssignedPartitions() != null && !sessions.getAssignedPartitions().isEmpty());
		return sessions;
	}

}
