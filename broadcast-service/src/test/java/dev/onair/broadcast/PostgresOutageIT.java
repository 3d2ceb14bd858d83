package dev.onair.broadcast;

import java.time.Duration;
import java.time.Instant;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.media.PublisherState;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher event that arrives while PostgreSQL is away is retried, not dead-lettered,
 * and applied once PostgreSQL is back; one still failing after the retry window goes to
 * the dead-letter topic and is counted. The service reaches PostgreSQL through a
 * {@link PostgresLink} this test takes down; the window is 20 s here instead of 5 minutes
 * ({@code ListenerBackOffTests} checks the production schedule). Meanwhile the API
 * answers 503 problems with {@code Retry-After}.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "onair.kafka.listener-retry-window=20s")
@AutoConfigureWebTestClient
@DirtiesContext
class PostgresOutageIT {

	@Autowired
	private WebTestClient http;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private JsonMapper json;

	@Autowired
	private PostgresLink postgres;

	@Value("${onair.kafka.prefix}")
	private String prefix;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrap;

	@DynamicPropertySource
	static void ownerTokenKey(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
	}

	@Test
	void publisherEventReceivedWhilePostgresIsAwayIsAppliedOnceItIsBack() {
		String id = new ApiClient(this.http).create("Goes live during an outage").id();
		double failuresBefore = counter("onair_listener_failures_total", events());
		double deadLettersBefore = counter("onair_dead_letters_total", Topics.deadLetter(events()));
		this.postgres.down();
		try {
			publisher(id, PublisherState.CONNECTED);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(counter("onair_listener_failures_total", events()) - failuresBefore)
					.as("failed attempts at the event while PostgreSQL is away")
					.isGreaterThanOrEqualTo(3));
		}
		finally {
			this.postgres.up();
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(new ApiClient(this.http).get(id).get("status")).as("status of %s", id)
				.isEqualTo(BroadcastStatus.LIVE.name()));
		assertThat(counter("onair_dead_letters_total", Topics.deadLetter(events()))).isEqualTo(deadLettersBefore);
	}

	@Test
	void publisherEventStillFailingAfterTheWindowIsDeadLetteredAndCounted() {
		String id = new ApiClient(this.http).create("Outage longer than the window").id();
		double deadLettersBefore = counter("onair_dead_letters_total", Topics.deadLetter(events()));
		this.postgres.down();
		try {
			publisher(id, PublisherState.CONNECTED);
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(() -> assertThat(
						counter("onair_dead_letters_total", Topics.deadLetter(events())) - deadLettersBefore)
					.as("dead letters counted")
					.isEqualTo(1));
		}
		finally {
			this.postgres.up();
		}
		assertThat(DeadLetterTopic.read(this.bootstrap, Topics.deadLetter(events()), 1)).extracting(ConsumerRecord::key)
			.contains(id);
		assertThat(new ApiClient(this.http).get(id).get("status")).isEqualTo(BroadcastStatus.READY.name());
	}

	@Test
	void whilePostgresIsAwayTheApiAnswers503WithRetryAfter() {
		String id = new ApiClient(this.http).create("Read during an outage").id();
		this.postgres.down();
		try {
			this.http.get()
				.uri("/api/broadcasts/{id}", id)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "2")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:onair:problem:unavailable");
		}
		finally {
			this.postgres.up();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.http.get().uri("/api/broadcasts/{id}", id).exchange().expectStatus().isOk());
	}

	private String events() {
		return this.prefix + Topics.MEDIA_PUBLISHER_EVENTS;
	}

	private void publisher(String id, PublisherState state) {
		PublisherEvent event = new PublisherEvent(id, state, "s-test", Instant.now());
		this.kafka.send(events(), id, this.json.writeValueAsString(event)).join();
	}

	private double counter(String name, String topic) {
		return Prometheus.scrape(this.http).forTopic(name, topic);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LinkedPostgres {

		@Bean(destroyMethod = "close")
		PostgresLink postgresLink() {
			LocalStack stack = LocalStack.get();
			return new PostgresLink(stack.postgresHost(), stack.postgresPort());
		}

		/** The test's own database (created for this class), reached through the link. */
		@Bean
		R2dbcConnectionDetails linkedPostgres(PostgresLink link, @Value("${spring.r2dbc.url}") String url,
				@Value("${spring.r2dbc.username}") String user, @Value("${spring.r2dbc.password}") String password) {
			ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url)
				.mutate()
				.option(ConnectionFactoryOptions.HOST, "127.0.0.1")
				.option(ConnectionFactoryOptions.PORT, link.port())
				.option(ConnectionFactoryOptions.USER, user)
				.option(ConnectionFactoryOptions.PASSWORD, password)
				.build();
			return () -> options;
		}

	}

}
