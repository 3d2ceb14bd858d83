package dev.onair.presence;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.onair.contract.Topics;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh instance has the metadata of every topic it produces by the time it is ready,
 * so no send waits for it. Asked on a Reactor thread, where BlockHound turns any wait for
 * metadata (what a send does first) into an error: without the start-up fetch this fails.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProducerMetadataIT {

	@Value("${onair.kafka.prefix}")
	String prefix;

	@Autowired
	KafkaTemplate<String, String> kafka;

	static List<String> producedTopics() {
		return List.of(Topics.PRESENCE_VIEWER_COUNTS, Topics.deadLetter(Topics.PRESENCE_SESSIONS));
	}

	@ParameterizedTest
	@MethodSource("producedTopics")
	void producedTopicsNeedNoMetadataWaitOnAFreshInstance(String topic) {
		List<PartitionInfo> partitions = Mono.fromCallable(() -> this.kafka.partitionsFor(this.prefix + topic))
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(10));
		assertThat(partitions).as("partitions of %s", topic).isNotEmpty();
	}

}
