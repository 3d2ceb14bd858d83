package dev.onair.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.PrivateKafkaBroker;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Kafka stopped, the API keeps working and snapshots wait in the outbox; once Kafka
 * is back every one of them arrives, in version order. Uses a broker of its own (the
 * shared one must stay up for everyone else).
 */
@RealInfrastructure({ Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext
class KafkaOutageIT {

	@Autowired
	private WebTestClient http;

	@Autowired
	private PrivateKafkaBroker kafka;

	@Autowired
	private JsonMapper json;

	@Autowired
	private DatabaseClient db;

	@Value("${onair.kafka.prefix}")
	private String prefix;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
		// The binder's clients (the bindings' consumers, their topic provisioning) take
		// their brokers from here; Boot's (the outbox's producer) from the bean below.
		registry.add("spring.cloud.stream.kafka.binder.brokers", () -> PrivateKafka.BROKER.bootstrapServers());
	}

	@Test
	void snapshotsWrittenWhileKafkaIsDownArriveInVersionOrderOnceItIsBack() throws Exception {
		try (SnapshotRecorder snapshots = new SnapshotRecorder(this.kafka.bootstrapServers(),
				this.prefix + Topics.BROADCAST_STATE, this.json)) {
			Created before = create("Before the outage");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(snapshots.versionsOf(before.id())).containsExactly(1L));

			this.kafka.stop();
			Created edited = create("Edited while down");
			edit(edited, "Edited while down, twice");
			edit(edited, "Edited while down, three times");
			end(edited);
			end(before);
			Created untouched = create("Created while down");
			List<Created> endedTwice = List.of(create("Ended while down"));
			end(endedTwice.getFirst());
			end(endedTwice.getFirst());
			assertThat(pendingInOutbox()).as("snapshots waiting for Kafka").isGreaterThanOrEqualTo(8);

			this.kafka.start();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertDelivered(snapshots, before, 2);
				assertDelivered(snapshots, edited, 4);
				assertDelivered(snapshots, untouched, 1);
				assertDelivered(snapshots, endedTwice.getFirst(), 2);
			});
			assertThat(snapshots.of(edited.id()).getLast().status()).isEqualTo(BroadcastStatus.ENDED);
			assertThat(snapshots.of(edited.id()).getLast().title()).isEqualTo("Edited while down, three times");
			assertThat(snapshots.of(before.id()).getLast().status()).isEqualTo(BroadcastStatus.ENDED);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pendingInOutbox()).isZero());
		}
	}

	/**
	 * Every version 1..{@code last} arrived and none after a newer one (a repeat of the
	 * latest, which consumers ignore, would be allowed).
	 */
	private static void assertDelivered(SnapshotRecorder snapshots, Created broadcast, long last) {
		List<Long> versions = snapshots.versionsOf(broadcast.id());
		assertThat(versions.stream().distinct().toList()).as("versions of %s", broadcast.id())
			.isEqualTo(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
		assertThat(versions).as("arrival order of %s", broadcast.id()).isSorted();
		assertThat(snapshots.of(broadcast.id())).extracting(BroadcastChanged::id).containsOnly(broadcast.id());
	}

	private long pendingInOutbox() {
		return this.db.sql("select count(*) as n from outbox where sent_at is null")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

	private Created create(String title) {
		return new ApiClient(this.http).create(title);
	}

	private void edit(Created broadcast, String title) {
		new ApiClient(this.http).edit(broadcast, Map.of("title", title)).expectStatus().isOk();
	}

	private void end(Created broadcast) {
		new ApiClient(this.http).end(broadcast)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("ENDED");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class PrivateKafka {

		/** Launched when the context first asks for its address. */
		static final PrivateKafkaBroker BROKER = PrivateKafkaBroker.launch();

		/** Closed (stopped and deleted) with the context, after the Kafka clients. */
		@Bean(destroyMethod = "close")
		PrivateKafkaBroker privateKafkaBroker() {
			return BROKER;
		}

		@Bean
		KafkaConnectionDetails privateKafkaConnection(PrivateKafkaBroker broker) {
			return () -> List.of(broker.bootstrapServers());
		}

	}

}
