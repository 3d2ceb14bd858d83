package dev.onair.broadcast;

import java.util.Map;

import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creation is limited per client address: 3 at once here, the next one an hour later. The
 * test talks to the service from loopback, which this deployment (like the local stack,
 * where edge-web runs there) trusts as its proxy, so {@code X-Forwarded-For} names the
 * client as edge-web would.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CreationRateLimitIT {

	@Autowired
	private WebTestClient http;

	@DynamicPropertySource
	static void limits(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
		registry.add("onair.creation-limit.burst", () -> "3");
		registry.add("onair.creation-limit.refill-every", () -> "1h");
	}

	@Test
	void rapidCreationFromOneAddressGets429WithRetryAfterWhileOthersCarryOn() {
		for (int i = 0; i < 3; i++) {
			create("203.0.113.7").expectStatus().isCreated();
		}
		String retryAfter = create("203.0.113.7").expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:onair:problem:rate-limited")
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(Long.parseLong(retryAfter)).isBetween(3500L, 3600L);

		create("203.0.113.8").expectStatus().isCreated();
		// What the client wrote itself (left of what edge-web appended) changes nothing.
		create("198.51.100.1, 203.0.113.7").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		// One IPv6 subscriber is one /64.
		for (int i = 0; i < 3; i++) {
			create("2001:db8:1:2::" + (i + 1)).expectStatus().isCreated();
		}
		create("2001:db8:1:2:ffff::9").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	private WebTestClient.ResponseSpec create(String forwardedFor) {
		return this.http.post()
			.uri("/api/broadcasts")
			.header("X-Forwarded-For", forwardedFor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Another one"))
			.exchange();
	}

}
