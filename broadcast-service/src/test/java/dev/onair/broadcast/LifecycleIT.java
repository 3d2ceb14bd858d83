package dev.onair.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lifecycle driven by {@code media.publisher-events} and
 * {@code presence.viewer-counts}, with a 2 s publisher grace period.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "onair.lifecycle.publisher-grace=2s", "onair.lifecycle.sweep-interval=200ms",
				"onair.lifecycle.ready-ttl=1h" })
@AutoConfigureWebTestClient
class LifecycleIT {

	private static final Duration GRACE = Duration.ofSeconds(2);

	@Autowired
	private WebTestClient http;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private JsonMapper json;

	@Autowired
	private DatabaseClient db;

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	@Value("${onair.kafka.prefix}")
	private String prefix;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrap;

	@DynamicPropertySource
	static void ownerTokenKey(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
	}

	@Test
	void publisherConnectedMovesReadyToLive() {
		String id = create();
		publisher(id, PublisherState.CONNECTED);
		awaitStatus(id, BroadcastStatus.LIVE);
		assertThat(get(id).get("startedAt")).isNotNull();
	}

	@Test
	void disconnectPlusGraceEndsTheBroadcast() {
		String id = create();
		publisher(id, PublisherState.CONNECTED);
		awaitStatus(id, BroadcastStatus.LIVE);
		Instant gone = Instant.now();
		publisher(id, PublisherState.DISCONNECTED);
		awaitStatus(id, BroadcastStatus.ENDED);
		assertThat(Instant.parse((String) get(id).get("endedAt"))).isAfterOrEqualTo(gone.plus(GRACE));
	}

	@Test
	void reconnectWithinTheGraceKeepsItLive() {
		String id = create();
		publisher(id, PublisherState.CONNECTED);
		awaitStatus(id, BroadcastStatus.LIVE);
		publisher(id, PublisherState.DISCONNECTED);
		publisher(id, PublisherState.CONNECTED);
		await().during(GRACE.multipliedBy(2))
			.atMost(GRACE.multipliedBy(4))
			.untilAsserted(() -> assertThat(get(id).get("status")).as("status of %s", id).isEqualTo("LIVE"));
	}

	@Test
	void graceStartedBeforeARestartStillEndsTheBroadcast() {
		String id = create();
		publisher(id, PublisherState.CONNECTED);
		awaitStatus(id, BroadcastStatus.LIVE);
		// What a previous instance left behind when it died during the grace period.
		this.db.sql("update broadcast set publisher_gone_at = now() - interval '1 minute' where id = :id")
			.bind("id", UUID.fromString(id))
			.then()
			.block(Duration.ofSeconds(5));
		awaitStatus(id, BroadcastStatus.ENDED);
	}

	@Test
	void neverStartedBroadcastExpires() {
		String id = create();
		this.db.sql("update broadcast set created_at = now() - interval '2 hours' where id = :id")
			.bind("id", UUID.fromString(id))
			.then()
			.block(Duration.ofSeconds(5));
		awaitStatus(id, BroadcastStatus.ENDED);
		assertThat(get(id).get("startedAt")).isNull();
	}

	@Test
	void connectedAfterTheEndIsIgnored() {
		String id = create();
		this.http.post()
			.uri("/api/broadcasts/{id}/end", id)
			.headers((h) -> h.setBearerAuth(this.tokens.get(id)))
			.exchange()
			.expectStatus()
			.isOk();
		publisher(id, PublisherState.CONNECTED);
		String next = create();
		publisher(next, PublisherState.CONNECTED);
		awaitStatus(next, BroadcastStatus.LIVE);
		assertThat(get(id).get("status")).isEqualTo("ENDED");
	}

	@Test
	void malformedRecordsGoToTheDeadLetterTopicAndTheConsumerCarriesOn() {
		String id = create();
		String topic = this.prefix + Topics.MEDIA_PUBLISHER_EVENTS;
		this.kafka.send(topic, id, "{not json");
		this.kafka.send(topic, id, "{\"room\":\"not-a-uuid\",\"state\":\"CONNECTED\",\"at\":\"2026-01-01T00:00:00Z\"}");
		this.kafka.send(topic, id, "{\"room\":\"" + id + "\",\"state\":\"ON_FIRE\",\"at\":\"2026-01-01T00:00:00Z\"}");
		publisher(id, PublisherState.CONNECTED);
		awaitStatus(id, BroadcastStatus.LIVE);
		assertThat(DeadLetterTopic.read(this.bootstrap, Topics.deadLetter(topic), 3)).extracting(ConsumerRecord::value)
			.containsExactly("{not json",
					"{\"room\":\"not-a-uuid\",\"state\":\"CONNECTED\",\"at\":\"2026-01-01T00:00:00Z\"}",
					"{\"room\":\"" + id + "\",\"state\":\"ON_FIRE\",\"at\":\"2026-01-01T00:00:00Z\"}");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					Prometheus.scrape(this.http).forTopic("onair_dead_letters_total", Topics.deadLetter(topic)))
				.as("dead letters counted")
				.isEqualTo(3));
		assertThat(Prometheus.scrape(this.http).forTopic("onair_listener_failures_total", topic))
			.as("attempts at the three unreadable records: one each, no retry")
			.isEqualTo(3);
	}

	@Test
	void goldenPublisherEventWithAnUnknownFieldIsUnderstood() throws Exception {
		String id = create();
		ObjectNode golden = (ObjectNode) this.json
			.readTree(new ClassPathResource("golden/kafka/publisher-event.json").getInputStream());
		golden.put("room", id);
		golden.put("addedInAFutureVersion", true);
		this.kafka.send(this.prefix + Topics.MEDIA_PUBLISHER_EVENTS, id, this.json.writeValueAsString(golden));
		awaitStatus(id, BroadcastStatus.LIVE);
	}

	@Test
	void recordsTheViewerPeak() {
		String id = create();
		publisher(id, PublisherState.CONNECTED);
		String topic = this.prefix + Topics.PRESENCE_VIEWER_COUNTS;
		this.kafka.send(topic, id, this.json.writeValueAsString(new ViewerCount(id, 12, 12, Instant.now())));
		this.kafka.send(topic, id, this.json.writeValueAsString(new ViewerCount(id, 5, 40, Instant.now())));
		this.kafka.send(topic, id, this.json.writeValueAsString(new ViewerCount(id, 3, 3, Instant.now())));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(get(id).get("peakViewers")).isEqualTo(40));
	}

	private String create() {
		Created created = new ApiClient(this.http).create("Lifecycle");
		this.tokens.put(created.id(), created.token());
		return created.id();
	}

	private Map<String, Object> get(String id) {
		return new ApiClient(this.http).get(id);
	}

	private void publisher(String id, PublisherState state) {
		PublisherEvent event = new PublisherEvent(id, state, "s-test", Instant.now());
		this.kafka.send(this.prefix + Topics.MEDIA_PUBLISHER_EVENTS, id, this.json.writeValueAsString(event)).join();
	}

	private void awaitStatus(String id, BroadcastStatus status) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get(id).get("status")).as("status of %s", id).isEqualTo(status.name()));
	}

}
