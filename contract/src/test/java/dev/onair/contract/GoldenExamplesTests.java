package dev.onair.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.ViewerCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden example reads into its record and writes back to the same JSON, and an
 * extra unknown field does not break reading (consumers must tolerate producers that are
 * one version ahead). The signal families have their own:
 * {@code SignalGoldenExamplesTests}.
 */
class GoldenExamplesTests {

	private final JsonMapper json = ServicesJson.mapper();

	static Stream<Arguments> examples() {
		return Stream.of(Arguments.of("kafka/broadcast-changed.json", BroadcastChanged.class),
				Arguments.of("kafka/publisher-event.json", PublisherEvent.class),
				Arguments.of("kafka/session-event-joined.json", SessionEvent.class),
				Arguments.of("kafka/session-event-heartbeat.json", SessionEvent.class),
				Arguments.of("kafka/viewer-count.json", ViewerCount.class));
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleRoundTripsThroughItsRecord(String example, Class<?> type) throws IOException {
		JsonNode expected = read(example);
		Object value = this.json.treeToValue(expected, type);
		// Re-read the written JSON so numbers compare by value, not by node type (int vs
		// long).
		assertThat(this.json.readTree(this.json.writeValueAsString(value))).as(example).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleWithAnUnknownFieldStillReads(String example, Class<?> type) throws IOException {
		ObjectNode withExtra = (ObjectNode) read(example);
		withExtra.put("addedInAFutureVersion", "ignored");
		// Strict on purpose: the records themselves tolerate unknown fields, whatever a
		// consumer's mapper is configured to do.
		Object value = this.json.readerFor(type)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.readValue(withExtra);
		assertThat(value).isEqualTo(this.json.treeToValue(read(example), type));
	}

	/**
	 * Snapshots written before owner generations stay on the compacted topic: they still
	 * read, with no generation.
	 */
	@Test
	void aSnapshotWithoutOwnerGenerationStillReads() throws IOException {
		ObjectNode old = (ObjectNode) read("kafka/broadcast-changed.json");
		old.remove("ownerGeneration");
		assertThat(this.json.treeToValue(old, BroadcastChanged.class).ownerGeneration()).isNull();
	}

	private JsonNode read(String example) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/golden/" + example)) {
			assertThat(in).as("golden example " + example).isNotNull();
			return this.json.readTree(in);
		}
	}

}
