package dev.onair.broadcast;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The broadcast API as the tests drive it. */
record ApiClient(WebTestClient http) {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	/** Creates a broadcast and returns the create response. */
	Map<String, Object> createBody(Map<String, ?> body) {
		return this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	Created create(String title) {
		Map<String, Object> body = createBody(Map.of("title", title));
		return new Created((String) body.get("id"), (String) body.get("ownerToken"));
	}

	Map<String, Object> get(String id) {
		return this.http.get()
			.uri("/api/broadcasts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	WebTestClient.ResponseSpec edit(Created broadcast, Map<String, ?> body) {
		return this.http.patch()
			.uri("/api/broadcasts/{id}", broadcast.id())
			.headers((h) -> h.setBearerAuth(broadcast.token()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	WebTestClient.ResponseSpec end(Created broadcast) {
		return this.http.post()
			.uri("/api/broadcasts/{id}/end", broadcast.id())
			.headers((h) -> h.setBearerAuth(broadcast.token()))
			.exchange();
	}

	/** A created broadcast and its owner token. */
	record Created(String id, String token) {
	}

}
