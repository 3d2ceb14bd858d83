package dev.onair.presence;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What the service serves on {@code /actuator/prometheus}, as Prometheus scrapes it. */
final class Prometheus {

	private Prometheus() {
	}

	static String scrape(WebTestClient http) {
		return http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
