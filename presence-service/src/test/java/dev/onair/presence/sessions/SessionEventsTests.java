package dev.onair.presence.sessions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.RoomCount;
import dev.onair.presence.viewers.CountProperties;
import dev.onair.presence.viewers.ViewerCountPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The bindings of application.yml on Spring Cloud Stream's test binder: a poll of
 * {@code presence.sessions} arrives as the Kafka binder delivers it in batch mode (the
 * values as a list of bytes, each header a list in the same order), counts leave on
 * {@code presence.viewer-counts} and unreadable records on {@code presence.sessions.dlt}.
 * Membership is an in-memory stand-in for the Redis script; {@code ViewerCountIT} runs
 * the same on Kafka and Redis.
 */
// The Kafka binder hands a batch's retries to the container (system/KafkaConfiguration);
// the test binder would retry the function itself.
@SpringBootTest(classes = SessionEventsTests.Bindings.class,
		properties = "spring.cloud.stream.bindings.sessionEvents-in-0.consumer.max-attempts=1")
class SessionEventsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SESSIONS = "presence.sessions";

	@Autowired
	InputDestination input;

	@Autowired
	OutputDestination output;

	@Autowired
	RecordingMembership membership;

	@Test
	void aPollIsAppliedPerRoomInOrderAndTheCountPublished() {
		Instant at = Instant.parse("2026-11-25T12:02:00Z");
		this.input.send(batch(record("room-a", joined("room-a", "s1", "viewer", at)),
				record("room-b", joined("room-b", "s9", "viewer", at)),
				record("room-a", joined("room-a", "streamer", "publisher", at)),
				record("room-a", joined("room-a", "s2", "viewer", at))), SESSIONS);

		assertThat(this.membership.applied.get("room-a")).extracting(SessionEvent::session)
			.as("the room's viewer events in partition order, the publisher's dropped")
			.containsExactly("s1", "s2");
		assertThat(this.membership.applied.get("room-b")).extracting(SessionEvent::session).containsExactly("s9");
		List<Message<byte[]>> counts = List.of(this.output.receive(5000, "presence.viewer-counts"),
				this.output.receive(5000, "presence.viewer-counts"));
		assertThat(counts).extracting((count) -> JSON.readValue(count.getPayload(), ViewerCount.class))
			.extracting(ViewerCount::room, ViewerCount::viewers)
			.containsExactlyInAnyOrder(tuple("room-a", 2L), tuple("room-b", 1L));
		assertThat(counts).allSatisfy((count) -> assertThat(
				new String((byte[]) count.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8))
			.isEqualTo(JSON.readValue(count.getPayload(), ViewerCount.class).room()));
	}

	@Test
	void unreadableRecordsAreDeadLetteredOneByOneAndTheRestOfThePollApplied() {
		Instant at = Instant.parse("2026-11-25T12:02:00Z");
		byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
		byte[] otherRoom = joined("room-d", "s1", "viewer", at);
		this.input.send(batch(record("room-c", notJson), record("room-c", joined("room-c", "s1", "viewer", at)),
				record("room-c", otherRoom), record("room-c", null)), SESSIONS);

		assertThat(this.membership.applied.get("room-c")).extracting(SessionEvent::session).containsExactly("s1");
		List<Message<byte[]>> deadLetters = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			deadLetters.add(this.output.receive(5000, "presence.sessions.dlt"));
		}
		assertThat(deadLetters).as("dead letters").doesNotContainNull();
		assertThat(deadLetters.get(0).getPayload()).isEqualTo(notJson);
		assertThat(deadLetters.get(1).getPayload()).isEqualTo(otherRoom);
		assertThat(deadLetters)
			.extracting((letter) -> ByteBuffer.wrap((byte[]) letter.getHeaders().get(KafkaHeaders.DLT_ORIGINAL_OFFSET))
				.getLong())
			.containsExactly(0L, 2L, 3L);
		assertThat(deadLetters).allSatisfy((letter) -> {
			assertThat(new String((byte[]) letter.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8))
				.isEqualTo("room-c");
			assertThat(new String((byte[]) letter.getHeaders().get(KafkaHeaders.DLT_ORIGINAL_TOPIC),
					StandardCharsets.UTF_8))
				.isEqualTo(SESSIONS);
		});
		assertThat(new String((byte[]) deadLetters.get(1).getHeaders().get(KafkaHeaders.DLT_EXCEPTION_MESSAGE),
				StandardCharsets.UTF_8))
			.contains("must equal room");
	}

	private static byte[] joined(String room, String session, String role, Instant at) {
		return JSON.writeValueAsBytes(new SessionEvent(SessionEventType.JOINED, room, "gw-a", session, role, null, at));
	}

	private static String[] record(String key, byte[] value) {
		return new String[] { key, (value != null) ? new String(value, StandardCharsets.UTF_8) : null };
	}

	/** A poll as the Kafka binder hands it to a batch-mode function. */
	private static Message<List<Object>> batch(String[]... records) {
		List<Object> values = new ArrayList<>();
		List<byte[]> keys = new ArrayList<>();
		List<String> topics = new ArrayList<>();
		List<Integer> partitions = new ArrayList<>();
		List<Long> offsets = new ArrayList<>();
		for (String[] record : records) {
			keys.add(record[0].getBytes(StandardCharsets.UTF_8));
			values.add((record[1] != null) ? record[1].getBytes(StandardCharsets.UTF_8) : KafkaNull.INSTANCE);
			topics.add(SESSIONS);
			partitions.add(0);
			offsets.add((long) offsets.size());
		}
		return MessageBuilder.withPayload(values)
			.setHeader(KafkaHeaders.RECEIVED_KEY, keys)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
			.setHeader(KafkaHeaders.OFFSET, offsets)
			.build();
	}

	/** Counts the sessions each room was given; no Redis. */
	static class RecordingMembership extends Membership {

		final Map<String, List<SessionEvent>> applied = new ConcurrentHashMap<>();

		RecordingMembership() {
			super(null);
		}

		@Override
		public RoomCount apply(String room, List<SessionEvent> events) {
			this.applied.computeIfAbsent(room, (key) -> new ArrayList<>()).addAll(events);
			return new RoomCount(this.applied.get(room).size(), this.applied.get(room).size(), true);
		}

		@Override
		public Mono<RoomCount> count(String room) {
			long viewers = this.applied.getOrDefault(room, List.of()).size();
			return Mono.just(new RoomCount(viewers, viewers, false));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableTestBinder
	@EnableConfigurationProperties(CountProperties.class)
	@Import({ SessionEvents.class, SessionEventValidator.class, SessionDeadLetters.class })
	@ComponentScan(basePackageClasses = ViewerCountPublisher.class, useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = ".*\\.(ViewerCountPublisher|BusiestRooms)"))
	static class Bindings {

		@Bean
		RecordingMembership membership() {
			return new RecordingMembership();
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		SimpleMeterRegistry meters() {
			return new SimpleMeterRegistry();
		}

	}

}
