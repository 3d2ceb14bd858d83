package dev.onair.broadcast;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox makes progress per broadcast: a snapshot Kafka refuses holds back the later
 * snapshots of its own broadcast only, and the backlog gauge shows it waiting.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OutboxIT {

	/** Above the producer's {@code max.request.size} (1 MiB): every send of it fails. */
	private static final int REFUSED_SIZE = 2 * 1024 * 1024;

	@Autowired
	private WebTestClient http;

	@Autowired
	private JsonMapper json;

	@Autowired
	private DatabaseClient db;

	@Value("${onair.kafka.prefix}")
	private String prefix;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrap;

	@DynamicPropertySource
	static void ownerTokenKey(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
	}

	@Test
	void aSnapshotKafkaRefusesHoldsBackOnlyItsOwnBroadcast() throws Exception {
		try (SnapshotRecorder snapshots = new SnapshotRecorder(this.bootstrap, this.prefix + Topics.BROADCAST_STATE,
				this.json)) {
			Created stuck = api().create("Stuck behind a refused snapshot");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(snapshots.versionsOf(stuck.id())).containsExactly(1L));
			long refused = insertRefusedSnapshot(stuck.id());
			api().edit(stuck, Map.of("title", "Edited behind the refused one")).expectStatus().isOk();

			Created other = api().create("Flows past it");
			api().edit(other, Map.of("title", "Flows past it, edited")).expectStatus().isOk();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(snapshots.versionsOf(other.id())).containsExactly(1L, 2L));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(backlog()).as("onair_outbox_backlog").isEqualTo(2.0));
			assertThat(snapshots.versionsOf(stuck.id())).as("the edit waits behind the refused snapshot")
				.containsExactly(1L);
			assertThat(oldestAgeSeconds()).as("onair_outbox_oldest_age_seconds").isGreaterThan(0.0);

			// What an operator would do with a row that can never go: replace it (here
			// with
			// a repeat of version 1, which consumers ignore).
			this.db
				.sql("update outbox set payload = (select payload from outbox o where o.broadcast_id = :id"
						+ " and o.version = 1 and o.id <> :refused order by o.id limit 1) where id = :refused")
				.bind("id", UUID.fromString(stuck.id()))
				.bind("refused", refused)
				.then()
				.block(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(snapshots.versionsOf(stuck.id())).containsExactly(1L, 1L, 2L));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(backlog()).as("onair_outbox_backlog").isZero());
			assertThat(oldestAgeSeconds()).isZero();
		}
	}

	private long insertRefusedSnapshot(String id) {
		return this.db
			.sql("insert into outbox (broadcast_id, version, payload) values (:id, 1, repeat('x', :size)) returning id")
			.bind("id", UUID.fromString(id))
			.bind("size", REFUSED_SIZE)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block(Duration.ofSeconds(5));
	}

	private double backlog() {
		return Prometheus.scrape(this.http).value("onair_outbox_backlog");
	}

	private double oldestAgeSeconds() {
		return Prometheus.scrape(this.http).value("onair_outbox_oldest_age_seconds");
	}

	private ApiClient api() {
		return new ApiClient(this.http);
	}

}
