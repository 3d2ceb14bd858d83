package dev.onair.media.replies;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.media.signal.KafkaClients;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies never sends on the thread that calls it. The caller here is a thread named like
 * media-service's Janus event thread, which BlockHound treats as one that must never
 * wait, and the producer is a fresh one with no topic metadata (as after a restart, or
 * once metadata expired): a send started on the caller would wait there for metadata, and
 * BlockHound would fail the call and the class.
 */
@RealInfrastructure(Needs.KAFKA)
class RepliesIT {

	@Test
	void repliesMadeOnAJanusEventThreadGoOutInOrderWithoutWaitingThere() throws Exception {
		String bootstrap = LocalStack.get().kafkaBootstrapServers();
		String prefix = TestNames.uniqueId(RepliesIT.class) + ".";
		createTopics(bootstrap, prefix);
		DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000),
				new StringSerializer(), new StringSerializer());
		Replies replies = new Replies(new KafkaTemplate<>(producers), JsonMapper.builder().build(), prefix,
				new SimpleMeterRegistry());
		ScheduledExecutorService janusEvents = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("janus-events-replies-it").factory());
		try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
			String room = UUID.randomUUID().toString();
			IceCandidate candidate = new IceCandidate("candidate:1 1 udp 2122260223 10.203.1.2 21000 typ host", "0", 0);
			try {
				janusEvents.submit(() -> {
					replies.offer(room, "s-view", "v=0\r\n");
					replies.ice(room, "s-view", candidate);
					replies.ice(room, "s-view", null);
					replies.layer(room, "s-view", "720p", List.of("720p", "480p"));
					replies.publisher(room, PublisherState.CONNECTED, "s-pub");
				}).get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw new AssertionError("Replies waited on the Janus event thread", ex.getCause());
			}

			Awaitility.await("the room's four replies and its publisher event")
				.atMost(Duration.ofSeconds(15))
				.until(() -> toRoom(kafka, room).size() == 4
						&& kafka.publisherEvents().stream().anyMatch((event) -> event.room().equals(room)));
			assertThat(toRoom(kafka, room)).hasExactlyElementsOfTypes(SignalToClient.Offer.class,
					SignalToClient.Ice.class, SignalToClient.Ice.class, SignalToClient.Layer.class);
			assertThat(kafka.publisherEvents()).filteredOn((event) -> event.room().equals(room))
				.extracting(PublisherEvent::state)
				.containsExactly(PublisherState.CONNECTED);
		}
		finally {
			janusEvents.shutdown();
			replies.stop();
			producers.destroy();
		}
	}

	/**
	 * A publisher event whose send fails (here: its topic does not exist yet, so the
	 * producer gives up after {@code max.block.ms}, as when the broker is away) is sent
	 * again until Kafka takes it, and the room's later event waits behind it.
	 */
	@Test
	void publisherEventsAreSentAgainUntilAcknowledgedInOrder() throws Exception {
		String bootstrap = LocalStack.get().kafkaBootstrapServers();
		String prefix = TestNames.uniqueId(RepliesIT.class) + ".";
		DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
				new StringSerializer(), new StringSerializer());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Replies replies = new Replies(new KafkaTemplate<>(producers), JsonMapper.builder().build(), prefix, meters);
		ScheduledExecutorService janusEvents = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("janus-events-replies-it").factory());
		try {
			String room = UUID.randomUUID().toString();
			janusEvents.submit(() -> {
				replies.publisher(room, PublisherState.CONNECTED, "s-pub");
				replies.publisher(room, PublisherState.DISCONNECTED, "s-pub");
			}).get(10, TimeUnit.SECONDS);
			Awaitility.await("two failed sends of the CONNECTED event")
				.atMost(Duration.ofSeconds(30))
				.until(() -> meters.counter("onair.media.publisher-events.retries").count() >= 2);
			assertThat(meters.get("onair.media.publisher-events.unacknowledged").gauge().value()).isEqualTo(2);

			createTopics(bootstrap, prefix);
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
				.until(() -> meters.get("onair.media.publisher-events.unacknowledged").gauge().value() == 0);
		}
		finally {
			janusEvents.shutdown();
			replies.stop();
			producers.destroy();
		}
	}

	private static List<SignalToClient> toRoom(KafkaClients kafka, String room) {
		return kafka.toClients().stream().filter((message) -> message.room().equals(room)).toList();
	}

	private static void createTopics(String bootstrap, String prefix) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin
				.createTopics(List.of(new NewTopic(prefix + Topics.SIGNAL_TO_CLIENTS, 1, (short) 1),
						new NewTopic(prefix + Topics.MEDIA_PUBLISHER_EVENTS, 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

}
