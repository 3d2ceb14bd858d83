package dev.onair.search.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.search.index.BroadcastIndex;
import dev.onair.search.index.IndexSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Sort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The two binding functions on messages as the Kafka binder delivers them: bytes, the key
 * in a header, a tombstone as {@link KafkaNull}. What they throw decides the binder's
 * path (application.yml): Jackson and {@link InvalidRecordException} go to the
 * dead-letter topic at once, anything else is retried first; {@code LiveListIT} runs them
 * on Kafka.
 */
class IngestHandlersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BroadcastIndex index = newIndex();

	private final CatchUp catchUp = new CatchUp(null, (event) -> {
	}, this.index, "", new SimpleMeterRegistry());

	private final BroadcastStates broadcastStates = new BroadcastStates(JSON, this.index, this.catchUp);

	private final ViewerCounts viewerCounts = new ViewerCounts(JSON, this.index, this.catchUp);

	@AfterEach
	void close() throws Exception {
		this.index.destroy();
	}

	@Test
	void aSnapshotIsIndexedAndItsTombstoneRemovesIt() {
		BroadcastChanged live = new BroadcastChanged("b-1", 1, BroadcastStatus.LIVE, "첫 방송", "", List.of("talk"),
				Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:01:00Z"), null, 0, null);
		this.broadcastStates.accept(record("b-1", JSON.writeValueAsString(live)));
		assertThat(ids()).containsExactly("b-1");

		this.viewerCounts
			.accept(record("b-1", "{\"room\":\"b-1\",\"viewers\":7,\"peak\":7,\"at\":\"2026-12-02T10:02:00Z\"}"));
		this.index.refreshNow();
		assertThat(this.index.search(new MatchAllDocsQuery(), Sort.RELEVANCE, 0, 10).items().getFirst().viewers())
			.isEqualTo(7);

		this.broadcastStates.accept(record("b-1", null));
		assertThat(ids()).isEmpty();
	}

	@Test
	void unreadableAndInvalidRecordsThrowWhatTheBinderDeadLettersAtOnce() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> this.broadcastStates.accept(record("b-2", "{not json")));
		String other = JSON.writeValueAsString(new BroadcastChanged("other", 1, BroadcastStatus.LIVE, "x", "",
				List.of(), Instant.parse("2026-12-02T10:00:00Z"), null, null, 0, null));
		assertThatExceptionOfType(InvalidRecordException.class).as("key is not the snapshot's id")
			.isThrownBy(() -> this.broadcastStates.accept(record("b-3", other)));
		assertThatExceptionOfType(InvalidRecordException.class).as("tombstone without a key")
			.isThrownBy(() -> this.broadcastStates.accept(record(null, null)));
		assertThatExceptionOfType(InvalidRecordException.class).isThrownBy(() -> this.viewerCounts
			.accept(record("b-4", "{\"room\":\"b-4\",\"viewers\":-1,\"peak\":0,\"at\":\"2026-12-02T10:02:00Z\"}")));
	}

	private List<String> ids() {
		this.index.refreshNow();
		return this.index.search(new MatchAllDocsQuery(), Sort.RELEVANCE, 0, 10)
			.items()
			.stream()
			.map((item) -> item.id())
			.toList();
	}

	private static Message<?> record(String key, String value) {
		MessageBuilder<?> message = (value != null) ? MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
				: MessageBuilder.withPayload(KafkaNull.INSTANCE);
		if (key != null) {
			message.setHeader(KafkaHeaders.RECEIVED_KEY, key.getBytes(StandardCharsets.UTF_8));
		}
		return message.setHeader(KafkaHeaders.RECEIVED_TOPIC, "broadcast.state")
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
			.setHeader(KafkaHeaders.OFFSET, 0L)
			.build();
	}

	private static BroadcastIndex newIndex() {
		try {
			return new BroadcastIndex(new IndexSettings(Duration.ofMillis(100)));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
