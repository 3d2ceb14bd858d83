package dev.onair.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden examples ({@code golden/kafka} in the contract module, on the classpath) of
 * the Kafka records media-service reads and writes, and how media-service's tests read
 * them: with the service's own {@link JsonMapper} bean, passed in.
 */
public final class KafkaGoldenExamples {

	/**
	 * One example of every type of {@code SignalToMedia}: read here; drain writes move.
	 */
	public static final List<String> SIGNALS_TO_MEDIA = names("signal-to-media-", "answer", "ice", "ice-end", "left",
			"move", "publish", "quality", "unpublish", "unwatch", "watch");

	/** One example of every type of {@code SignalToClient}: written here. */
	public static final List<String> SIGNALS_TO_CLIENTS = names("signal-to-client-", "answer", "ended", "error", "ice",
			"ice-end", "layer", "offer");

	private KafkaGoldenExamples() {
	}

	public static JsonNode read(JsonMapper json, String example) {
		try (InputStream in = KafkaGoldenExamples.class.getResourceAsStream("/golden/kafka/" + example)) {
			assertThat(in).as("golden example " + example).isNotNull();
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The example with a field a future version of its producer might add. */
	public static ObjectNode withAFieldFromAFutureVersion(JsonMapper json, String example) {
		ObjectNode value = (ObjectNode) read(json, example);
		value.put("addedInAFutureVersion", "ignored");
		return value;
	}

	/**
	 * Reads as a consumer whose mapper fails on unknown properties would: only the
	 * records' own annotations can tolerate one.
	 */
	public static <T> T strictlyRead(JsonMapper json, JsonNode value, Class<T> type) {
		return json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(value);
	}

	private static List<String> names(String prefix, String... types) {
		return Stream.of(types).map((type) -> prefix + type + ".json").toList();
	}

}
