package dev.onair.search;

import java.time.Duration;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.onair.testsupport.LocalStack;

import static org.awaitility.Awaitility.await;

/**
 * One running search-service replica on a test prefix, on a random loopback port. Tests
 * start and close replicas themselves to prove catch-up and rebuilds.
 */
final class SearchApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final WebTestClient http;

	private final String baseUrl;

	private SearchApp(ConfigurableApplicationContext context) {
		this.context = context;
		this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
		this.http = WebTestClient.bindToServer()
			.baseUrl(this.baseUrl)
			.responseTimeout(Duration.ofSeconds(10))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
	}

	static SearchApp start(String prefix) {
		// Arguments, not default properties: those would lose to application.yml.
		return new SearchApp(new SpringApplicationBuilder(SearchApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + LocalStack.get().kafkaBootstrapServers(),
				"--onair.kafka.prefix=" + prefix, "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off"));
	}

	boolean ready() {
		return this.context.getBean(ApplicationAvailability.class)
			.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
	}

	SearchApp awaitReady(Duration timeout) {
		await("replica catches up and declares readiness").atMost(timeout)
			.pollInterval(Duration.ofMillis(10))
			.until(this::ready);
		return this;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	WebTestClient http() {
		return this.http;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
