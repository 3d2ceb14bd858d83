package dev.onair.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live list against a running replica while producers keep changing things: order
 * follows viewer counts, ended broadcasts leave at once, every change is searchable
 * within a second, bad records and bad requests are refused without harm.
 */
@RealInfrastructure(Needs.KAFKA)
class LiveListIT {

	private static final Duration FRESHNESS = Duration.ofSeconds(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PREFIX = TestNames.uniqueId(LiveListIT.class) + ".";

	private static KafkaFeed feed;

	private static SearchApp app;

	@BeforeAll
	static void start() {
		feed = new KafkaFeed(PREFIX);
		app = SearchApp.start(PREFIX).awaitReady(Duration.ofSeconds(60));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (feed != null) {
			feed.close();
		}
	}

	@Test
	void liveOrderFollowsViewerCountsAndEndedBroadcastsLeaveAtOnce() {
		String tag = "order-" + UUID.randomUUID().toString().substring(0, 8);
		BroadcastChanged a = live("a-" + tag, tag, 1);
		BroadcastChanged b = live("b-" + tag, tag, 2);
		BroadcastChanged c = live("c-" + tag, tag, 3);
		List.of(a, b, c).forEach(feed::broadcast);
		feed.viewers(a.id(), 10);
		feed.viewers(b.id(), 20);
		feed.viewers(c.id(), 30);
		feed.flush();
		// Setting the scene, not the claim: the 1 s bound applies to the changes below.
		awaitLiveOrder(Duration.ofSeconds(10), tag, c, b, a);

		feed.viewers(a.id(), 50);
		feed.flush();
		awaitLiveOrder(tag, a, c, b);

		feed.viewers(c.id(), 0);
		feed.viewers(b.id(), 50);
		feed.flush();
		// Same viewers: the more recently started broadcast first.
		awaitLiveOrder(tag, b, a, c);

		feed.broadcast(new BroadcastChanged(b.id(), 3, BroadcastStatus.ENDED, b.title(), b.description(), b.tags(),
				b.createdAt(), b.startedAt(), b.startedAt().plusSeconds(60), 50, b.thumbnailUrl()));
		feed.flush();
		awaitLiveOrder(tag, a, c);
		JsonNode ended = get("/api/search?status=ENDED&tag=" + tag);
		assertThat(ended.get("items").get(0).get("id").asString()).isEqualTo(b.id());
		assertThat(ended.get("items").get(0).get("viewers").asLong()).isZero();
	}

	@Test
	void aNewBroadcastIsSearchableWithinASecond() {
		String word = "fresh" + UUID.randomUUID().toString().substring(0, 8);
		BroadcastChanged broadcast = live("n-" + word, word, 9);
		feed.broadcast(
				new BroadcastChanged(broadcast.id(), 2, BroadcastStatus.LIVE, word + " 새방송", broadcast.description(),
						broadcast.tags(), broadcast.createdAt(), broadcast.startedAt(), null, 0, null));
		feed.flush();
		await("a new broadcast shows up in search").atMost(FRESHNESS)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> get("/api/search?q=" + word).get("total").asLong() == 1);
	}

	@Test
	void unreadableRecordsGoToTheDeadLetterTopicAndConsumptionCarriesOn() {
		String word = "afterbad" + UUID.randomUUID().toString().substring(0, 8);
		feed.raw(Topics.BROADCAST_STATE, "bad-1", "{not json");
		feed.raw(Topics.BROADCAST_STATE, "bad-2",
				"{\"id\":\"other\",\"version\":1,\"status\":\"LIVE\",\"title\":\"x\"}");
		feed.raw(Topics.PRESENCE_VIEWER_COUNTS, "bad-3", "[]");
		BroadcastChanged good = live("good-" + word, word, 5);
		feed.broadcast(good);
		feed.flush();
		await("the record after the bad ones is indexed").atMost(Duration.ofSeconds(10))
			.until(() -> get("/api/search?tag=" + word).get("total").asLong() == 1);
		assertThat(deadLetters(Topics.BROADCAST_STATE, 2)).containsExactlyInAnyOrder("bad-1", "bad-2");
		assertThat(deadLetters(Topics.PRESENCE_VIEWER_COUNTS, 1)).containsExactly("bad-3");
	}

	@Test
	void indexesTheGoldenSnapshotsEvenWithFieldsItDoesNotKnow() throws Exception {
		String golden;
		try (var in = Topics.class.getResourceAsStream("/golden/kafka/broadcast-changed.json")) {
			golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		JsonNode snapshot = JSON.readTree(golden);
		String id = snapshot.get("id").asString();
		feed.raw(Topics.BROADCAST_STATE, id, golden.replaceFirst("\\{", "{\"addedLater\":{\"x\":1},"));
		String count = new String(Topics.class.getResourceAsStream("/golden/kafka/viewer-count.json").readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		feed.raw(Topics.PRESENCE_VIEWER_COUNTS, id, count.replaceFirst("\\{", "{\"addedLater\":true,"));
		feed.flush();
		await("the golden snapshot is searchable").atMost(Duration.ofSeconds(5))
			.until(() -> ids(get("/api/search?q=랭크게임 ranked&tag=lol")), (ids) -> ids.equals(List.of(id)));
		JsonNode item = get("/api/search?q=랭크게임 ranked&tag=lol").get("items").get(0);
		assertThat(item.get("viewers").asLong()).isEqualTo(2);
		assertThat(item.get("title").asString()).isEqualTo(snapshot.get("title").asString());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			status=SOON           | status
			page=-1               | page
			page=abc              | page
			size=0                | size
			size=101              | size
			page=200&size=100     | page
			""")
	void rejectsBadParametersWithAProblem(String query, String parameter) {
		app.http()
			.get()
			.uri("/api/search?" + query)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.parameter")
			.isEqualTo(parameter)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	@Test
	void rejectsOverLongQueriesInSearchAndSuggest() {
		String q = "가".repeat(201);
		for (String path : List.of("/api/search", "/api/search/suggest")) {
			app.http()
				.get()
				.uri(path + "?q={q}", q)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.parameter")
				.isEqualTo("q");
		}
		app.http().get().uri("/api/search?q={q}", "가".repeat(200)).exchange().expectStatus().isOk();
	}

	@Test
	void reportsReadinessAndConsumerLag() {
		app.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		app.http()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("kafka_consumer_fetch_manager_records_lag"));
	}

	private static void awaitLiveOrder(String tag, BroadcastChanged... expected) {
		awaitLiveOrder(FRESHNESS, tag, expected);
	}

	private static void awaitLiveOrder(Duration within, String tag, BroadcastChanged... expected) {
		List<String> ids = java.util.Arrays.stream(expected).map(BroadcastChanged::id).toList();
		await("live list tagged " + tag + " ordered " + ids).atMost(within)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> ids(get("/api/search?status=LIVE&tag=" + tag)), (listed) -> listed.equals(ids));
	}

	private static BroadcastChanged live(String id, String tag, int minute) {
		Instant created = Instant.parse("2026-11-25T12:00:00Z").plusSeconds(minute * 60L);
		return new BroadcastChanged(id, 2, BroadcastStatus.LIVE, "Live " + id, "", List.of(tag), created,
				created.plusSeconds(10), null, 0, null);
	}

	private static JsonNode get(String uri) {
		return JSON.readTree(app.http()
			.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

	/**
	 * Keys of the records on a topic's dead-letter sibling, once {@code count} arrived.
	 */
	private static List<String> deadLetters(String topic, int count) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, PREFIX + "dlt-reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<String> keys = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(PREFIX + Topics.deadLetter(topic)));
			await("dead letters on " + topic).atMost(Duration.ofSeconds(15)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					keys.add(record.key());
				}
				return keys.size() >= count;
			});
		}
		return keys;
	}

}
