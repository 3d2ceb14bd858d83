package dev.onair.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.contract.OwnerTokens;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Create, read, edit and end through the HTTP API, and the snapshots each change puts on
 * {@code broadcast.state}.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BroadcastApiIT {

	private static SnapshotRecorder snapshots;

	@Autowired
	private WebTestClient http;

	@DynamicPropertySource
	static void ownerTokenKey(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
	}

	@BeforeAll
	static void recordSnapshots(@Value("${onair.kafka.prefix}") String prefix,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Autowired JsonMapper json) {
		snapshots = new SnapshotRecorder(bootstrap, prefix + Topics.BROADCAST_STATE, json);
	}

	@AfterAll
	static void stopRecording() throws InterruptedException {
		snapshots.close();
	}

	@Test
	void createdBroadcastIsReadyWithAnOwnerTokenAndItsSnapshotFollows() {
		Map<String, Object> created = this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "리그오브레전드 랭크게임", "description", "Climbing tonight.", "tags", List.of("lol", "게임"),
					"streamer", "faker"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value("Location", (location) -> assertThat(location).startsWith("/api/broadcasts/"))
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		String id = (String) created.get("id");
		assertThat(created).containsEntry("status", "READY")
			.containsEntry("title", "리그오브레전드 랭크게임")
			.containsEntry("tags", List.of("lol", "게임"))
			.containsEntry("streamer", "faker")
			.containsKey("createdAt");
		assertThat(new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).verify((String) created.get("ownerToken"),
				id))
			.hasValueSatisfying((token) -> {
				assertThat(token.generation()).isEqualTo(1);
				assertThat(token.expiresAt()).isEqualTo(Instant.parse((String) created.get("ownerTokenExpiresAt")));
			});

		this.http.get()
			.uri("/api/broadcasts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("READY")
			.jsonPath("$.createdAt")
			.isEqualTo(created.get("createdAt"))
			.jsonPath("$.peakViewers")
			.isEqualTo(0)
			.jsonPath("$.ownerToken")
			.doesNotExist();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(snapshots.of(id)).as("snapshots of %s", id).hasSize(1));
		BroadcastChanged first = snapshots.of(id).getFirst();
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.status()).isEqualTo(BroadcastStatus.READY);
		assertThat(first.title()).isEqualTo("리그오브레전드 랭크게임");
		assertThat(first.description()).isEqualTo("Climbing tonight.");
		assertThat(first.tags()).containsExactly("lol", "게임");
		assertThat(first.createdAt()).hasToString((String) created.get("createdAt"));
		assertThat(snapshots.keysOf(id)).containsOnly(id);
	}

	@Test
	void editAndEndPublishNewerVersionsInOrder() {
		Created created = create("Speedrun");
		this.http.patch()
			.uri("/api/broadcasts/{id}", created.id())
			.headers((h) -> h.setBearerAuth(created.token()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Speedrun any%", "tags", List.of("speedrun")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Speedrun any%");
		end(created).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ENDED");

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(snapshots.versionsOf(created.id())).containsExactly(1L, 2L, 3L));
		List<BroadcastChanged> all = snapshots.of(created.id());
		assertThat(all.get(1).title()).isEqualTo("Speedrun any%");
		assertThat(all.get(1).tags()).containsExactly("speedrun");
		assertThat(all.get(2).status()).isEqualTo(BroadcastStatus.ENDED);
		assertThat(all.get(2).endedAt()).isNotNull();
	}

	@Test
	void endingTwiceOrConcurrentlyProducesOneEndedVersion(@LocalServerPort int port) {
		Created created = create("Race");
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		List<String> statuses = Flux.range(0, 8)
			.flatMap((i) -> client.post()
				.uri("/api/broadcasts/{id}/end", created.id())
				.headers((h) -> h.setBearerAuth(created.token()))
				.retrieve()
				.bodyToMono(Map.class)
				.map((body) -> (String) body.get("status")), 8)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(statuses).hasSize(8).containsOnly("ENDED");
		end(created).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ENDED");

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(snapshots.versionsOf(created.id())).containsExactly(1L, 2L));
	}

	@Test
	void exposesKafkaConsumerLag() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.http.get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()).contains("kafka_consumer_fetch_manager_records_lag"));
	}

	@Test
	void readinessAndLivenessAreUp() {
		IntStream.of(0, 1)
			.forEach((i) -> this.http.get()
				.uri((i == 0) ? "/actuator/health/readiness" : "/actuator/health/liveness")
				.exchange()
				.expectStatus()
				.isOk());
	}

	private Created create(String title) {
		return new ApiClient(this.http).create(title);
	}

	private WebTestClient.ResponseSpec end(Created created) {
		return new ApiClient(this.http).end(created);
	}

}
