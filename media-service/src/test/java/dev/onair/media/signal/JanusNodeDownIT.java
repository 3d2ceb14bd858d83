package dev.onair.media.signal;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import dev.onair.contract.signal.SignalToClient;
import dev.onair.media.janus.CuttableLink;
import dev.onair.media.janus.JanusNodes;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.onair.media.signal.KafkaClients.publish;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Janus host whose link is cut (no close event, no answers) is marked down by
 * media-service's own ping within 5 s, and the clients of its rooms get a retryable error
 * instead of a frozen picture.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.JANUS })
class JanusNodeDownIT {

	private static final CuttableLink link = new CuttableLink(LocalStack.get().mediaHostAddress(1),
			LocalStack.get().janusWebSocketPort());

	@Autowired
	private JanusNodes nodes;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void janus(DynamicPropertyRegistry registry) {
		registry.add("onair.janus.ws-urls", link::url);
		registry.add("onair.janus.api-secrets", () -> LocalStack.get().janusApiSecret());
		registry.add("onair.janus.admin-keys", () -> LocalStack.get().janusAdminKey());
		registry.add("onair.janus.trusted-certificates", () -> LocalStack.get().janusTrustedCertificates());
	}

	@AfterAll
	static void close() throws IOException {
		link.close();
	}

	@Test
	void cutNodeIsMarkedDownWithinFiveSecondsAndItsRoomIsTold(
			@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Value("${onair.kafka.prefix}") String prefix)
			throws Exception {
		try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
			String room = UUID.randomUUID().toString();
			kafka.send(publish(room, "s-pub", "publisher", PublishSignalingIT.offer()));
			kafka.await(room, "s-pub", SignalToClient.Answer.class, Duration.ofSeconds(15));
			assertThat(this.meters.get("onair.media.janus.node.up").gauge().value()).isEqualTo(1);

			long cutAt = System.nanoTime();
			link.cut();
			SignalToClient.ErrorMessage error = kafka.await(room, "s-pub", SignalToClient.ErrorMessage.class,
					Duration.ofSeconds(5));
			long detectedMillis = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();

			assertThat(error.code()).isEqualTo("media.node-down");
			assertThat(error.session()).as("the whole room is told").isNull();
			assertThat(this.nodes.all()).noneMatch((node) -> node.up());
			assertThat(detectedMillis).isLessThan(5000);
			assertThat(this.meters.get("onair.media.janus.node.up").gauge().value()).isZero();

			// With its only node down, a new publish is refused as retryable, not hung.
			kafka.send(publish(room, "s-pub", "publisher", PublishSignalingIT.offer()));
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> kafka.toClients()
					.stream()
					.anyMatch((m) -> m instanceof SignalToClient.ErrorMessage refusal
							&& "media.unavailable".equals(refusal.code())));
		}
	}

}
