package dev.onair.contract.ws;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.onair.contract.ServicesJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden WebSocket frame reads into the record its {@code type} names and writes
 * back to the same JSON, an unknown extra field does not break reading, and every message
 * name has at least one example.
 */
class WsGoldenExamplesTests {

	private final JsonMapper json = ServicesJson.mapper();

	static Stream<Path> clientExamples() throws IOException, URISyntaxException {
		return examples("client");
	}

	static Stream<Path> serverExamples() throws IOException, URISyntaxException {
		return examples("server");
	}

	@ParameterizedTest
	@MethodSource("clientExamples")
	void clientFrameRoundTripsThroughItsRecord(Path example) throws IOException {
		assertRoundTrip(example, WsMessages.CLIENT);
	}

	@ParameterizedTest
	@MethodSource("serverExamples")
	void serverFrameRoundTripsThroughItsRecord(Path example) throws IOException {
		assertRoundTrip(example, WsMessages.SERVER);
	}

	@Test
	void everyMessageNameHasAnExample() throws IOException, URISyntaxException {
		assertThat(typesOf(clientExamples().toList())).containsAll(WsMessages.CLIENT.keySet());
		assertThat(typesOf(serverExamples().toList())).containsAll(WsMessages.SERVER.keySet());
	}

	@Test
	void serverTypeIsFoundFromTheRecord() {
		assertThat(WsMessages.type(new Reconnect(10))).isEqualTo("reconnect");
		assertThat(WsMessages.type(new Ice("r", null))).isEqualTo("ice");
	}

	private void assertRoundTrip(Path example, Map<String, ? extends Class<?>> types) throws IOException {
		ObjectNode frame = (ObjectNode) this.json.readTree(example.toFile());
		String type = frame.get("type").asString();
		Class<?> recordType = types.get(type);
		assertThat(recordType).as("record for type %s", type).isNotNull();
		ObjectNode body = frame.deepCopy();
		body.remove("type");
		Object value = this.json.treeToValue(body, recordType);
		ObjectNode written = (ObjectNode) this.json.readTree(this.json.writeValueAsString(value));
		written.put("type", type);
		assertThat(written).as(example.toString()).isEqualTo(frame);

		body.put("addedInAFutureVersion", "ignored");
		// Strict on purpose: the message families themselves tolerate unknown fields.
		Object tolerant = this.json.readerFor(recordType)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.readValue(body);
		assertThat(tolerant).isEqualTo(value);
	}

	private Set<String> typesOf(List<Path> examples) throws IOException {
		return examples.stream().map(this::typeOf).collect(Collectors.toSet());
	}

	private String typeOf(Path example) {
		JsonNode frame = this.json.readTree(example.toFile());
		return frame.get("type").asString();
	}

	private static Stream<Path> examples(String side) throws IOException, URISyntaxException {
		Path dir = Path.of(WsGoldenExamplesTests.class.getResource("/golden/ws/" + side).toURI());
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList().stream();
		}
	}

}
