package dev.onair.broadcast;

import java.util.List;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads metrics from {@code /actuator/prometheus}, by the names Prometheus sees. */
final class Prometheus {

	private final String scrape;

	private Prometheus(String scrape) {
		this.scrape = scrape;
	}

	static Prometheus scrape(WebTestClient http) {
		return new Prometheus(http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	/** The value of a metric that has one series (the common tags aside). */
	double value(String name) {
		List<Double> values = values(name, "");
		assertThat(values).as("%s in /actuator/prometheus", name).hasSize(1);
		return values.getFirst();
	}

	/** The value of a metric's series for one topic; 0 when it has none (yet). */
	double forTopic(String name, String topic) {
		return values(name, "topic=\"" + topic + "\"").stream().mapToDouble(Double::doubleValue).sum();
	}

	private List<Double> values(String name, String label) {
		return this.scrape.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.filter((line) -> line.contains(label))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.toList();
	}

}
