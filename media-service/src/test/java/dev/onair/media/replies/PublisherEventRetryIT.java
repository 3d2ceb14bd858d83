package dev.onair.media.replies;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.media.signal.KafkaClients;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publisher lifecycle events are facts broadcast-service cannot ask for again: Replies
 * sends each until Kafka acknowledges it, a room's events in order. Its own class, so
 * that its topic prefix is its own: the topic must not exist at first.
 */
@SpringBootTest(classes = RepliesIT.RepliesOnly.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.cloud.function.definition=", "spring.cloud.stream.output-bindings=" })
@RealInfrastructure(Needs.KAFKA)
class PublisherEventRetryIT {

	@Autowired
	private Replies replies;

	@Autowired
	private MeterRegistry meters;

	/**
	 * A publisher event whose send fails (here: its topic does not exist yet, so the
	 * producer gives up after {@code max.block.ms}, as when the broker is away) is sent
	 * again until Kafka takes it, and the room's later event waits behind it.
	 */
	@Test
	void publisherEventsAreSentAgainUntilAcknowledgedInOrder(@Value("${onair.kafka.prefix}") String prefix)
			throws Exception {
		String bootstrap = LocalStack.get().kafkaBootstrapServers();
		ScheduledExecutorService janusEvents = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("janus-events-replies-it").factory());
		try {
			String room = UUID.randomUUID().toString();
			janusEvents.submit(() -> {
				this.replies.publisher(room, PublisherState.CONNECTED, "s-pub");
				this.replies.publisher(room, PublisherState.DISCONNECTED, "s-pub");
			}).get(10, TimeUnit.SECONDS);
			Awaitility.await("two failed sends of the CONNECTED event")
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.meters.counter("onair.media.publisher-events.retries").count() >= 2);
			assertThat(this.meters.get("onair.media.publisher-events.unacknowledged").gauge().value()).isEqualTo(2);

			RepliesIT.createTopics(bootstrap, prefix);
			try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
				Awaitility.await("both publisher events, once Kafka takes them")
					.atMost(Duration.ofSeconds(30))
					.until(() -> kafka.publisherEvents()
						.stream()
						.filter((event) -> event.room().equals(room))
						.count() >= 2);
				assertThat(kafka.publisherEvents()).filteredOn((event) -> event.room().equals(room))
					.extracting(PublisherEvent::state)
					.containsExactly(PublisherState.CONNECTED, PublisherState.DISCONNECTED);
			}
			Awaitility.await("no publisher event left unacknowledged")
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.get("onair.media.publisher-events.unacknowledged").gauge().value() == 0);
		}
		finally {
			janusEvents.shutdown();
		}
	}

}
