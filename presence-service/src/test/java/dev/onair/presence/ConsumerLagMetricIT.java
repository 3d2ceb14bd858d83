package dev.onair.presence;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.onair.contract.Topics;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer lag of presence-service's group shows on {@code /actuator/prometheus}:
 * above zero while it is behind, back to zero once it caught up. Small polls stretch the
 * catch-up so the lag is observable while it drains.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.cloud.stream.kafka.binder.consumer-properties.max.poll.records=5")
@AutoConfigureWebTestClient
@Import(SessionsConsumer.class)
class ConsumerLagMetricIT {

	private static final String LAG = "kafka.consumer.fetch.manager.records.lag";

	@Value("${onair.kafka.prefix}")
	String prefix;

	@Autowired
	SessionsConsumer sessions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	WebTestClient http;

	@Test
	void exposesLagWhileBehindAndZeroOnceCaughtUp() {
		String topic = this.prefix + Topics.PRESENCE_SESSIONS;
		String room = UUID.randomUUID().toString();
		try (GatewaySimulator gateway = new GatewaySimulator(this.prefix, "gw-lag")) {
			MessageListenerContainer container = this.sessions.awaitAssignment(Duration.ofSeconds(30));
			gateway.join(room, "first");
			gateway.flush();
			// Micrometer binds a partition's lag gauge at its next metrics refresh (every
			// 60 s, the first one after the consumer's start-up, which a loaded machine
			// delays: it missed 90 s once).
			await("the lag gauge of the room's partition is bound").atMost(Duration.ofSeconds(150))
				.untilAsserted(() -> assertThat(lag(topic)).as("lag gauges: %s", lagGauges())
					.isNotNull()
					.extracting(Gauge::value)
					.isEqualTo(0.0));

			container.pause();
			await("consumer paused").atMost(Duration.ofSeconds(10)).until(container::isContainerPaused);
			for (int i = 0; i < 3000; i++) {
				gateway.join(room, "s-" + i);
			}
			gateway.flush();
			container.resume();
			await("lag above zero while catching up").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> lag(topic).value() > 0);
			await("lag drained to zero").atMost(Duration.ofSeconds(60)).until(() -> lag(topic).value() == 0);
		}
		String scrape = Prometheus.scrape(this.http);
		assertThat(scrape.lines()
			.filter((line) -> line.startsWith("kafka_consumer_fetch_manager_records_lag{"))
			.filter((line) -> line.contains("topic=\"" + topic + "\""))).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).endsWith(" 0.0"));
	}

	private List<String> lagGauges() {
		return this.meters.find(LAG)
			.gauges()
			.stream()
			.map((gauge) -> gauge.getId().getTags() + "=" + gauge.value())
			.toList();
	}

	private Gauge lag(String topic) {
		return this.meters.find(LAG)
			.tag("topic", topic)
			.gauges()
			.stream()
			.filter((gauge) -> gauge.getId().getTag("partition") != null)
			.max((a, b) -> Double.compare(a.value(), b.value()))
			.orElse(null);
	}

}
