package dev.onair.media.signal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.onair.contract.Topics;
import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.onair.media.signal.KafkaClients.answer;
import static dev.onair.media.signal.KafkaClients.ice;
import static dev.onair.media.signal.KafkaClients.publish;
import static dev.onair.media.signal.KafkaClients.watch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signaling through real Kafka, Redis and Janus: a publisher's simulcast offer gets
 * Janus's answer, a viewer gets an offer and picks its layer, and bad input is refused to
 * its sender only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.JANUS })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishSignalingIT {

	private static final Duration SOON = Duration.ofSeconds(10);

	private KafkaClients kafka;

	@DynamicPropertySource
	static void janus(DynamicPropertyRegistry registry) {
		registry.add("onair.janus.ws-urls", () -> LocalStack.get().janusWebSocketUrl(1).toString());
		registry.add("onair.janus.api-secrets", () -> LocalStack.get().janusApiSecret());
		registry.add("onair.janus.admin-keys", () -> LocalStack.get().janusAdminKey());
		registry.add("onair.janus.trusted-certificates", () -> LocalStack.get().janusTrustedCertificates());
	}

	@BeforeAll
	void connect(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
			@Value("${onair.kafka.prefix}") String prefix) {
		this.kafka = new KafkaClients(bootstrap, prefix);
	}

	@AfterAll
	void disconnect() throws InterruptedException {
		this.kafka.close();
	}

	@Test
	void publisherGetsJanusAnswerAndViewersWaitForItsMedia() throws IOException {
		String room = UUID.randomUUID().toString();
		this.kafka.send(publish(room, "s-pub", "publisher", offer()));
		SignalToClient.Answer answer = this.kafka.await(room, "s-pub", SignalToClient.Answer.class, SOON);
		assertThat(answer.sdp()).contains("m=video").containsIgnoringCase("VP8").contains("a=recvonly");
		this.kafka.send(ice(room, "s-pub", "publisher",
				new IceCandidate("candidate:1 1 udp 2122260223 10.203.10.2 50000 typ host", "0", 0)));
		this.kafka.send(ice(room, "s-pub", "publisher", null));

		// Janus offers a subscription only once the publisher's media started.
		this.kafka.send(watch(room, "s-view", "auto"));
		assertThat(error(room, "s-view")).isEqualTo("media.not-live");
		assertThat(this.kafka.toClients()).filteredOn((m) -> m.room().equals(room) && "s-pub".equals(m.session()))
			.noneMatch(SignalToClient.ErrorMessage.class::isInstance);
	}

	@Test
	void exportsItsKafkaConsumerLag(@Autowired MeterRegistry meters) {
		// Micrometer binds the signal.to-media consumer's metrics; Prometheus shows them
		// as
		// kafka_consumer_fetch_manager_records_lag*, which the consumer-lag alerts read.
		Awaitility.await("the consumer's records-lag metric")
			.atMost(SOON)
			.until(() -> !meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges().isEmpty());
	}

	@Test
	void singleLayerPublisherIsAccepted() throws IOException {
		String room = UUID.randomUUID().toString();
		String single = offer().replaceAll("a=rid:.*\r\n", "").replaceAll("a=simulcast:.*\r\n", "");
		this.kafka.send(publish(room, "s-pub", "publisher", single));
		this.kafka.await(room, "s-pub", SignalToClient.Answer.class, SOON);
	}

	@Test
	void badInputIsRefusedToItsSenderOnly() throws IOException {
		String room = UUID.randomUUID().toString();
		this.kafka.send(publish(room, "s-pub", "publisher", offer()));
		this.kafka.await(room, "s-pub", SignalToClient.Answer.class, SOON);

		this.kafka.send(publish(room, "s-v1", "viewer", offer()));
		assertThat(error(room, "s-v1")).isEqualTo("room.publisher-only");
		this.kafka.send(publish(room, "s-p2", "publisher", "garbage"));
		assertThat(error(room, "s-p2")).isEqualTo("media.sdp-invalid");
		String audioOnly = offer().substring(0, offer().indexOf("m=video")).replace(" 0 1\r\n", " 0\r\n");
		this.kafka.send(publish(room, "s-p3", "publisher", audioOnly));
		assertThat(error(room, "s-p3")).isEqualTo("media.video-required");
		this.kafka.send(ice(room, "s-ghost", "viewer",
				new IceCandidate("candidate:1 1 udp 2122260223 10.203.10.2 50000 typ host", "0", 0)));
		assertThat(error(room, "s-ghost")).isEqualTo("media.no-subscription");
		this.kafka.send(answer(room, "s-pub", "publisher", "v=0\r\n"));
		assertThat(error(room, "s-pub")).isEqualTo("room.viewer-only");

		// The room still works: its publisher can start over.
		long answers = this.kafka.toClients().stream().filter(SignalToClient.Answer.class::isInstance).count();
		this.kafka.send(publish(room, "s-pub", "publisher", offer()));
		Awaitility.await()
			.atMost(SOON)
			.until(() -> this.kafka.toClients()
				.stream()
				.filter(SignalToClient.Answer.class::isInstance)
				.count() > answers);
		assertThat(this.kafka.toClients())
			.filteredOn((m) -> m.room().equals(room) && m instanceof SignalToClient.ErrorMessage)
			.allSatisfy((m) -> assertThat(m.session()).isNotNull());
	}

	@Test
	void watchingARoomNobodyPublishesInIsARetryableRefusal() {
		String room = UUID.randomUUID().toString();
		this.kafka.send(watch(room, "s-early", "auto"));
		assertThat(error(room, "s-early")).isEqualTo("media.not-live");
	}

	@Test
	void signalsOfOtherGatewayVersionsAreAnswered() {
		String room = UUID.randomUUID().toString();
		// As gateways wrote every signal before the types were sealed: all fields, null
		// where the type has none.
		this.kafka.send(room, """
				{"type":"watch","room":"%s","session":"s-old","gateway":"gw-old","role":"viewer","sdp":null,\
				"candidate":null,"quality":"auto","at":"%s"}""".formatted(room, Instant.now()));
		assertThat(error(room, "s-old")).isEqualTo("media.not-live");
		// A type a newer gateway may send.
		this.kafka.send(room, """
				{"type":"teleport","room":"%s","session":"s-new","gateway":"gw-new","role":"viewer",\
				"at":"%s"}""".formatted(room, Instant.now()));
		assertThat(error(room, "s-new")).isEqualTo("message.unknown-type");
	}

	/**
	 * On the Kafka binder's dead-letter producer: the record goes out as it came (key and
	 * value bytes), and the room's next signal is handled.
	 */
	@Test
	void anUnreadableSignalIsDeadLetteredAsItCameAndTheRoomGoesOn(
			@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
			@Value("${onair.kafka.prefix}") String prefix) {
		String room = UUID.randomUUID().toString();
		this.kafka.send(room, "{not json");
		this.kafka.send(watch(room, "s-after", "auto"));
		assertThat(error(room, "s-after")).isEqualTo("media.not-live");

		try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						prefix + "dead-letters-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			deadLetters.subscribe(List.of(prefix + Topics.deadLetter(Topics.SIGNAL_TO_MEDIA)));
			List<ConsumerRecord<String, String>> received = new ArrayList<>();
			Awaitility.await("the unreadable signal on the dead-letter topic").atMost(SOON).until(() -> {
				deadLetters.poll(Duration.ofMillis(100)).forEach(received::add);
				return received.stream().anyMatch((record) -> room.equals(record.key()));
			});
			assertThat(received).filteredOn((record) -> room.equals(record.key()))
				.singleElement()
				.extracting(ConsumerRecord::value)
				.isEqualTo("{not json");
		}
	}

	private String error(String room, String session) {
		return this.kafka
			.await(room, session, SignalToClient.ErrorMessage.class, (m) -> session.equals(m.session()), SOON)
			.code();
	}

	static String offer() throws IOException {
		try (InputStream in = PublishSignalingIT.class.getResourceAsStream("/simulcast-offer.sdp")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
		}
	}

}
