package dev.onair.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.contract.OwnerTokens;
import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Owner tokens expire, are revoked by a re-issue, and survive a key rotation while the
 * previous key is still configured. This deployment mints with a key of its own and keeps
 * the stack's key as the previous one.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OwnerTokenIT {

	private static final String CURRENT_KEY = "owner-token-it-current-key-".repeat(2);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static SnapshotRecorder snapshots;

	@Autowired
	private WebTestClient http;

	@DynamicPropertySource
	static void ownerTokenKeys(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> CURRENT_KEY + "," + LocalStack.get().ownerTokenKey());
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
	void anExpiredTokenIsRefusedWithProblemAndInvalidTokenChallenge() {
		Created created = client().create("Expiring");
		String expired = new OwnerTokens(List.of(CURRENT_KEY)).mint(created.id(), 1, Instant.now().minusSeconds(1));
		Created withExpired = new Created(created.id(), expired);

		client().edit(withExpired, Map.of("title", "Too late"))
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:onair:problem:owner-token-expired");
		reissue(withExpired).expectStatus().isUnauthorized();
		client().end(withExpired).expectStatus().isUnauthorized();
		assertThat(client().get(created.id())).containsEntry("title", "Expiring").containsEntry("status", "READY");
	}

	@Test
	void reissuingRevokesEarlierTokensEverywhereAndAnnouncesTheGeneration() {
		Created created = client().create("Leaked");
		Map<String, Object> reissued = reissue(created).expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		Created fresh = new Created(created.id(), (String) reissued.get("ownerToken"));
		assertThat(Instant.parse((String) reissued.get("expiresAt"))).isAfter(Instant.now().plus(Duration.ofHours(23)));

		for (WebTestClient.ResponseSpec revoked : List.of(client().edit(created, Map.of("title", "Hijacked")),
				reissue(created), client().end(created), thumbnail(created))) {
			revoked.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:onair:problem:owner-token-revoked");
		}
		client().edit(fresh, Map.of("title", "Mine again")).expectStatus().isOk();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(snapshots.of(created.id())).as("snapshots of %s", created.id())
				.last()
				.satisfies((last) -> {
					assertThat(last.ownerGeneration()).isEqualTo(2);
					assertThat(last.title()).isEqualTo("Mine again");
				}));
		client().end(fresh).expectStatus().isOk();
		reissue(fresh).expectStatus().isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void tokensOfThePreviousKeyStillWorkAndForeignKeysDoNot() {
		Created created = client().create("Rotated");
		assertThat(new OwnerTokens(List.of(CURRENT_KEY)).verify(created.token(), created.id())).isPresent();
		Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
		String previous = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(created.id(), 1, tomorrow);
		String foreign = new OwnerTokens(List.of("f".repeat(32))).mint(created.id(), 1, tomorrow);

		client().edit(new Created(created.id(), previous), Map.of("title", "Still mine")).expectStatus().isOk();
		client().edit(new Created(created.id(), foreign), Map.of("title", "Not mine")).expectStatus().isForbidden();
		client().edit(new Created(created.id(), "v1.Vx3nYm9ndXM"), Map.of("title", "Old format"))
			.expectStatus()
			.isForbidden();
	}

	private WebTestClient.ResponseSpec reissue(Created broadcast) {
		return this.http.post()
			.uri("/api/broadcasts/{id}/owner-token", broadcast.id())
			.headers((h) -> h.setBearerAuth(broadcast.token()))
			.exchange();
	}

	private WebTestClient.ResponseSpec thumbnail(Created broadcast) {
		return this.http.put()
			.uri("/api/broadcasts/{id}/thumbnail", broadcast.id())
			.headers((h) -> h.setBearerAuth(broadcast.token()))
			.contentType(MediaType.IMAGE_JPEG)
			.bodyValue(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 })
			.exchange();
	}

	private ApiClient client() {
		return new ApiClient(this.http);
	}

}
