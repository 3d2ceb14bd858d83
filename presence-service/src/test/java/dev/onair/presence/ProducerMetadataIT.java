package dev.onair.presence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.presence.ViewerCount;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh instance has the metadata of every topic it produces by the time it is ready,
 * so no send waits for it: the output bindings are created at start-up and the binder
 * fetches their topics' metadata then, with the producer that sends later. Measured by
 * the producers' own {@code metadata-wait-time-ns-total}, which a first send to a topic
 * without metadata raises.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProducerMetadataIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	StreamBridge bridge;

	@Autowired
	MeterRegistry meters;

	@Test
	void aFreshInstanceSendsCountsAndDeadLettersWithoutWaitingForMetadata() {
		double before = metadataWait();
		assertThat(before).as("the producers fetched metadata at start-up").isPositive();
		String room = UUID.randomUUID().toString();
		byte[] key = room.getBytes(StandardCharsets.UTF_8);
		assertThat(this.bridge.send("viewerCounts-out-0",
				MessageBuilder.withPayload(JSON.writeValueAsBytes(new ViewerCount(room, 0, 0, Instant.now())))
					.setHeader(KafkaHeaders.KEY, key)
					.build()))
			.isTrue();
		assertThat(this.bridge.send("sessionDeadLetters-out-0",
				MessageBuilder.withPayload("{not json".getBytes(StandardCharsets.UTF_8))
					.setHeader(KafkaHeaders.KEY, key)
					.build()))
			.isTrue();
		assertThat(metadataWait()).as("ns the producers waited for metadata, before the sends: %s", before)
			.isEqualTo(before);
	}

	private double metadataWait() {
		return this.meters.find("kafka.producer.metadata.wait.time.ns.total")
			.meters()
			.stream()
			.mapToDouble(ProducerMetadataIT::value)
			.sum();
	}

	private static double value(Meter meter) {
		return (meter instanceof FunctionCounter counter) ? counter.count()
				: meter.measure().iterator().next().getValue();
	}

}
