package dev.onair.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "onair.presence.counts.busiest-refresh=200ms")
@AutoConfigureWebTestClient
@Import(SessionsConsumer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewerCountIT {

	@Value("${onair.kafka.prefix}")
	String prefix;

	@Autowired
	SessionsConsumer sessions;

	@Autowired
	WebTestClient http;

	private Gateways gateways;

	private PublishedCounts published;

	@BeforeAll
	void startGateways() {
		this.gateways = new Gateways(this.prefix, 1000);
		this.published = new PublishedCounts(this.prefix);
		this.sessions.awaitAssignment(Duration.ofSeconds(30));
	}

	@AfterAll
	void stopGateways() throws InterruptedException {
		this.gateways.close();
		this.published.close();
	}

	@Test
	@Order(1)
	void countsThousandSessionsAcrossThreeGatewaysExactlyAndWithoutThePublisher() {
		String room = UUID.randomUUID().toString();
		List<GatewaySimulator> three = List.of(this.gateways.start("gw-a"), this.gateways.start("gw-b"),
				this.gateways.start("gw-c"));
		three.get(0)
			.send(new SessionEvent(SessionEventType.JOINED, room, "gw-a", "streamer", "publisher", null,
					Instant.now()));
		List<String> sessions = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String session = "s-" + i;
			sessions.add(session);
			three.get(i % 3).join(room, session);
		}
		three.forEach(GatewaySimulator::flush);
		// How fast it converges is PresenceBenchmark's to measure (docs/benchmarks.md),
		// not a
		// test's: a time limit here failed CI on a slower machine.
		await("count of 1000 published, latest is " + this.published.latestViewers(room)).atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.published.latestViewers(room) == 1000);

		for (int i = 0; i < 300; i++) {
			three.get(i % 3).leave(room, sessions.get(i));
		}
		three.forEach(GatewaySimulator::flush);
		await("count of 700 published, latest is " + this.published.latestViewers(room)).atMost(Duration.ofSeconds(15))
			.until(() -> this.published.latestViewers(room) == 700);
		assertThat(this.published.latest(room).count().peak()).isEqualTo(1000);
		this.http.get()
			.uri("/api/rooms/{id}/viewers", room)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"viewers\":700,\"peak\":1000}");
		await("the dashboard's per-room gauge shows 700").atMost(Duration.ofSeconds(15))
			.until(() -> Prometheus.scrape(this.http)
				.lines()
				.anyMatch((line) -> line.startsWith("onair_presence_viewers{") && line.contains("room=\"" + room + "\"")
						&& line.endsWith(" 700.0")));
		assertCoalesced(room);
	}

	/**
	 * Changes arrive continuously above, so counts must be at least an interval apart.
	 */
	private void assertCoalesced(String room) {
		List<PublishedCounts.Received> counts = this.published.of(room);
		for (int i = 1; i < counts.size(); i++) {
			// The interval is measured when a publish starts, the timestamp is taken
			// after
			// reading Redis: a few ms of jitter either way.
			assertThat(counts.get(i).timestamp() - counts.get(i - 1).timestamp())
				.as("ms between counts %d and %d of room %s", i - 1, i, room)
				.isGreaterThanOrEqualTo(230);
		}
	}

	@Test
	@Order(2)
	void duplicatedAndOutOfOrderEventsNeverDoubleCount() {
		String room = UUID.randomUUID().toString();
		GatewaySimulator a = new GatewaySimulator(this.prefix, "gw-dup-a");
		GatewaySimulator b = new GatewaySimulator(this.prefix, "gw-dup-b");
		Instant t0 = Instant.now().minusSeconds(30);
		Instant t1 = t0.plusSeconds(1);
		Instant t2 = t0.plusSeconds(2);
		// s1: joined, delivered twice
		a.send(joined(room, "gw-dup-a", "s1", t0));
		a.send(joined(room, "gw-dup-a", "s1", t0));
		// s2: joined, left, then the join replayed
		a.send(joined(room, "gw-dup-a", "s2", t0));
		a.send(left(room, "gw-dup-a", "s2", t1));
		a.send(joined(room, "gw-dup-a", "s2", t0));
		// s3: rejoined at t2; a LEFT from t1 arrives late and must not remove it
		a.send(joined(room, "gw-dup-a", "s3", t2));
		a.send(left(room, "gw-dup-a", "s3", t1));
		// s4: the LEFT overtakes its own JOINED
		a.send(left(room, "gw-dup-a", "s4", t1));
		a.send(joined(room, "gw-dup-a", "s4", t0));
		// s5: another gateway cannot remove a session it never held. a and b are two
		// producers: only waiting for a's acknowledgement puts b's LEFT after a's JOINED.
		// The other order is another case (an unknown session's LEFT leaves a tombstone
		// that an older JOINED cannot undo).
		a.send(joined(room, "gw-dup-a", "s5", t1));
		a.flush();
		b.send(left(room, "gw-dup-b", "s5", t2));
		// an old heartbeat cannot resurrect s2 or drop s3
		a.send(new SessionEvent(SessionEventType.HEARTBEAT, room, "gw-dup-a", null, "viewer", List.of("s1", "s2"),
				t0.plusMillis(500)));
		a.flush();
		b.flush();
		// Generous: a loaded CI machine may take seconds to get to these events; the
		// assertions name the count actually seen if it never settles.
		await("room settles at s1, s3, s5").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.published.latestViewers(room)).as("published count").isEqualTo(3);
			assertThat(viewersOverHttp(room)).as("count over HTTP").isEqualTo(3);
		});
		a.close();
		b.close();
	}

	@Test
	@Order(3)
	void deadLettersUnreadableEventsAndCarriesOn() {
		String room = UUID.randomUUID().toString();
		// Not heartbeating: its heartbeats would (rightly) drop s1, which it never joined
		// itself.
		GatewaySimulator gateway = new GatewaySimulator(this.prefix, "gw-dlt");
		gateway.sendRaw(room, "{not json");
		gateway.sendRaw(room, "{\"type\":\"JOINED\",\"room\":\"" + room
				+ "\",\"gateway\":\"gw dlt\",\"session\":\"s1\",\"role\":\"viewer\",\"at\":\"2026-01-01T00:00:00Z\"}");
		gateway.sendRaw("other-room", "{\"type\":\"JOINED\",\"room\":\"" + room
				+ "\",\"gateway\":\"gw-dlt\",\"session\":\"s1\",\"role\":\"viewer\",\"at\":\"2026-01-01T00:00:00Z\"}");
		gateway.sendRaw(room, "{\"type\":\"JOINED\",\"room\":\"" + room
				+ "\",\"gateway\":\"gw-dlt\",\"session\":\"s1\",\"role\":\"viewer\",\"at\":\"2026-01-01T00:00:00Z\","
				+ "\"unknownField\":42}");
		gateway.join(room, "s2");
		gateway.flush();
		await("the two valid joins counted").atMost(Duration.ofSeconds(10))
			.until(() -> this.published.latestViewers(room) == 2);
		assertThat(deadLetters()).as("records on the dead-letter topic").hasSize(3);
		gateway.leave(room, "s1");
		gateway.leave(room, "s2");
		gateway.flush();
		await("the room is empty again").atMost(Duration.ofSeconds(10))
			.until(() -> this.published.latestViewers(room) == 0);
		gateway.close();
	}

	@Test
	@Order(4)
	void rejectsMalformedRoomIdsWithProblemDetails() {
		this.http.get()
			.uri("/api/rooms/{id}/viewers", "bad room!")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("Room id must be"));
		this.http.get()
			.uri("/api/rooms/{id}/viewers", "never-seen")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"viewers\":0,\"peak\":0}");
	}

	@Test
	@Order(5)
	void replayingTheWholeTopicChangesNoCount() throws Exception {
		Map<String, Long> before = this.published.latestByRoom();
		Map<String, Long> overHttp = before.keySet()
			.stream()
			.collect(Collectors.toMap((room) -> room, this::viewersOverHttp));
		assertThat(overHttp).isEqualTo(before);
		Map<String, Integer> publishedBefore = before.keySet()
			.stream()
			.collect(Collectors.toMap((room) -> room, (room) -> this.published.of(room).size()));
		// Replay everything again, duplicates included: every event goes through twice.
		for (int replay = 0; replay < 2; replay++) {
			rewindToBeginning();
			await("the replay is consumed").atMost(Duration.ofSeconds(60)).until(this::caughtUp);
		}
		assertThat(before.keySet().stream().collect(Collectors.toMap((room) -> room, this::viewersOverHttp)))
			.isEqualTo(before);
		for (String room : before.keySet()) {
			List<PublishedCounts.Received> after = this.published.of(room);
			assertThat(after.subList(publishedBefore.get(room), after.size()))
				.as("counts published for room %s during the replay", room)
				.allSatisfy((count) -> assertThat(count.count().viewers()).isEqualTo(before.get(room)));
		}
	}

	private void rewindToBeginning() throws Exception {
		MessageListenerContainer container = listener();
		container.stop();
		try (Admin admin = admin()) {
			String topic = this.prefix + Topics.PRESENCE_SESSIONS;
			Map<TopicPartition, OffsetSpec> earliest = partitions(topic).stream()
				.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.earliest()));
			Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(earliest).all().get();
			Map<TopicPartition, OffsetAndMetadata> rewound = offsets.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey,
						(entry) -> new OffsetAndMetadata(entry.getValue().offset())));
			await("the group is empty").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
				admin.alterConsumerGroupOffsets(group(), rewound).all().get();
				return true;
			});
		}
		container.start();
	}

	private boolean caughtUp() throws Exception {
		try (Admin admin = admin()) {
			String topic = this.prefix + Topics.PRESENCE_SESSIONS;
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group())
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin
				.listOffsets(partitions(topic).stream()
					.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest())))
				.all()
				.get();
			return ends.entrySet()
				.stream()
				.allMatch((end) -> committed.get(end.getKey()) != null
						&& committed.get(end.getKey()).offset() >= end.getValue().offset());
		}
	}

	private List<TopicPartition> partitions(String topic) {
		int count = Topics.spec(Topics.PRESENCE_SESSIONS).partitions();
		List<TopicPartition> partitions = new ArrayList<>();
		for (int partition = 0; partition < count; partition++) {
			partitions.add(new TopicPartition(topic, partition));
		}
		return partitions;
	}

	private List<String> deadLetters() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			TopicPartition dlt = new TopicPartition(Topics.deadLetter(this.prefix + Topics.PRESENCE_SESSIONS), 0);
			consumer.assign(List.of(dlt));
			consumer.seekToBeginning(List.of(dlt));
			await("dead letters arrive").atMost(Duration.ofSeconds(10)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
				return values.size() >= 3;
			});
			consumer.poll(Duration.ofMillis(500)).forEach((record) -> values.add(record.value()));
		}
		return values;
	}

	private long viewersOverHttp(String room) {
		Map<?, ?> body = this.http.get()
			.uri("/api/rooms/{id}/viewers", room)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) body.get("viewers")).longValue();
	}

	private MessageListenerContainer listener() {
		return this.sessions.container();
	}

	private String group() {
		return this.prefix + "presence-service";
	}

	private Admin admin() {
		return Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.get().kafkaBootstrapServers()));
	}

	private static SessionEvent joined(String room, String gateway, String session, Instant at) {
		return new SessionEvent(SessionEventType.JOINED, room, gateway, session, "viewer", null, at);
	}

	private static SessionEvent left(String room, String gateway, String session, Instant at) {
		return new SessionEvent(SessionEventType.LEFT, room, gateway, session, "viewer", null, at);
	}

}
