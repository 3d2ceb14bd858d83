package dev.onair.media.replies;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import dev.onair.contract.Topics;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.media.signal.KafkaClients;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies never sends on the thread that calls it. The caller here is a thread named like
 * media-service's Janus event thread, which BlockHound treats as one that must never
 * wait, and the producers are fresh ones with no topic metadata (as after a restart, or
 * once metadata expired): the output binding is created by the first reply
 * ({@code output-bindings} left empty), and no {@code ProducerWarmUp} runs. A send
 * started on the caller would wait there for metadata, and BlockHound would fail the call
 * and the class. Replies here is the one bean of a context with media-service's
 * application.yml.
 */
@SpringBootTest(classes = RepliesIT.RepliesOnly.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.cloud.function.definition=", "spring.cloud.stream.output-bindings=" })
@RealInfrastructure(Needs.KAFKA)
class RepliesIT {

	@Autowired
	private Replies replies;

	@Test
	void repliesMadeOnAJanusEventThreadGoOutInOrderWithoutWaitingThere(@Value("${onair.kafka.prefix}") String prefix)
			throws Exception {
		String bootstrap = LocalStack.get().kafkaBootstrapServers();
		createTopics(bootstrap, prefix);
		ScheduledExecutorService janusEvents = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("janus-events-replies-it").factory());
		try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
			String room = UUID.randomUUID().toString();
			IceCandidate candidate = new IceCandidate("candidate:1 1 udp 2122260223 10.203.1.2 21000 typ host", "0", 0);
			try {
				janusEvents.submit(() -> {
					this.replies.offer(room, "s-view", "v=0\r\n");
					this.replies.ice(room, "s-view", candidate);
					this.replies.ice(room, "s-view", null);
					this.replies.layer(room, "s-view", "720p", List.of("720p", "480p"));
					this.replies.publisher(room, PublisherState.CONNECTED, "s-pub");
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
		}
	}

	private static List<SignalToClient> toRoom(KafkaClients kafka, String room) {
		return kafka.toClients().stream().filter((message) -> message.room().equals(room)).toList();
	}

	/**
	 * The topics replies go to, with the contract's partitions: the output binding
	 * refuses a topic with fewer than it would create.
	 */
	static void createTopics(String bootstrap, String prefix) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin
				.createTopics(Stream.of(Topics.SIGNAL_TO_CLIENTS, Topics.MEDIA_PUBLISHER_EVENTS)
					.map((topic) -> new NewTopic(prefix + topic, Topics.spec(topic).partitions(), (short) 1))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	/** Replies with what it needs: StreamBridge, Boot's KafkaTemplate, JsonMapper. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Replies.class)
	static class RepliesOnly {

	}

}
