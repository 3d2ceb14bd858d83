package dev.onair.contract.signal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.onair.contract.ServicesJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden signal reads into the record its {@code type} names, that record writes
 * exactly the golden JSON, every type of both families has an example, and consumers read
 * what producers one version ahead or behind write: an unknown extra field, and the
 * {@code null} fields of every other type that records carried before the families were
 * sealed (they are still on the topics during an upgrade).
 */
class SignalGoldenExamplesTests {

	private static final String ROOM = "0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10";

	/** What every record of each family carried before it was sealed. */
	private static final List<String> TO_MEDIA_FIELDS = List.of("type", "room", "session", "gateway", "role", "sdp",
			"candidate", "quality", "at");

	private static final List<String> TO_CLIENT_FIELDS = List.of("type", "room", "session", "sdp", "candidate", "layer",
			"layers", "code", "message", "at");

	private final JsonMapper json = ServicesJson.mapper();

	static Stream<Arguments> examples() {
		IceCandidate viewers = new IceCandidate("candidate:1 1 udp 2122260223 10.203.10.2 50000 typ host", "0", 0);
		IceCandidate janus = new IceCandidate("candidate:2 1 udp 2015363327 10.203.10.3 20000 typ host", "0", 0);
		return Stream.of(
				toMedia("publish",
						new SignalToMedia.Publish(ROOM, "s-7d1c2a", "gw-a", "publisher",
								"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", at("12:01:29Z"))),
				toMedia("watch", new SignalToMedia.Watch(ROOM, "s-91bb04", "gw-b", "viewer", "auto", at("12:02:00Z"))),
				toMedia("answer",
						new SignalToMedia.Answer(ROOM, "s-91bb04", "gw-b", "viewer",
								"v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", at("12:02:00.750Z"))),
				toMedia("ice", new SignalToMedia.Ice(ROOM, "s-91bb04", "gw-b", "viewer", viewers, at("12:02:01Z"))),
				toMedia("ice-end",
						new SignalToMedia.Ice(ROOM, "s-91bb04", "gw-b", "viewer", null, at("12:02:01.200Z"))),
				toMedia("quality",
						new SignalToMedia.Quality(ROOM, "s-91bb04", "gw-b", "viewer", "480p", at("12:02:30Z"))),
				toMedia("unpublish",
						new SignalToMedia.Unpublish(ROOM, "s-7d1c2a", "gw-a", "publisher", at("12:40:00Z"))),
				toMedia("unwatch", new SignalToMedia.Unwatch(ROOM, "s-91bb04", "gw-b", "viewer", at("12:35:00Z"))),
				toMedia("left", new SignalToMedia.Left(ROOM, "s-91bb04", "gw-b", "viewer", at("12:36:00Z"))),
				toMedia("move", new SignalToMedia.Move(ROOM, "s-91bb04", null, "viewer", at("12:10:00Z"))),
				toClient("answer", new SignalToClient.Answer(ROOM, "s-7d1c2a",
						"v=0\r\no=- 5 6 IN IP4 10.203.10.2\r\ns=VideoRoom 1234\r\nt=0 0\r\n", at("12:01:29.400Z"))),
				toClient("offer", new SignalToClient.Offer(ROOM, "s-91bb04",
						"v=0\r\no=- 7 8 IN IP4 10.203.10.2\r\ns=VideoRoom 1234\r\nt=0 0\r\n", at("12:02:00.300Z"))),
				toClient("ice", new SignalToClient.Ice(ROOM, "s-91bb04", janus, at("12:02:00.400Z"))),
				toClient("ice-end", new SignalToClient.Ice(ROOM, "s-91bb04", null, at("12:02:00.500Z"))),
				toClient("layer",
						new SignalToClient.Layer(ROOM, "s-91bb04", "480p", List.of("720p", "480p"), at("12:02:03Z"))),
				toClient("ended", new SignalToClient.Ended(ROOM, null, at("13:00:00Z"))),
				toClient("error", new SignalToClient.ErrorMessage(ROOM, "s-91bb04", "media.not-live",
						"Nobody publishes in this room yet; retry", at("12:00:59Z"))));
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleReadsAsItsRecord(String example, Class<?> family, Object expected) {
		assertThat(this.json.treeToValue(read(example), family)).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("examples")
	void recordWritesExactlyItsExample(String example, Class<?> family, Object record) {
		// Compared as trees: the same properties and values, with no other (a null the
		// type does not have would be one).
		assertThat(this.json.readTree(this.json.writeValueAsString(record))).as(example).isEqualTo(read(example));
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleWithAnUnknownFieldStillReads(String example, Class<?> family, Object expected) {
		ObjectNode withExtra = (ObjectNode) read(example);
		withExtra.put("addedInAFutureVersion", "ignored");
		assertThat(strict(family).<Object>readValue(withExtra)).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleAsWrittenBeforeTheFamilyWasSealedStillReads(String example, Class<?> family, Object expected) {
		ObjectNode old = (ObjectNode) read(example);
		for (String field : (family == SignalToMedia.class) ? TO_MEDIA_FIELDS : TO_CLIENT_FIELDS) {
			if (!old.has(field)) {
				old.putNull(field);
			}
		}
		assertThat(strict(family).<Object>readValue(old)).as(old.toString()).isEqualTo(expected);
	}

	@Test
	void everyTypeOfBothFamiliesHasAnExample() {
		for (Class<?> family : List.of(SignalToMedia.class, SignalToClient.class)) {
			Set<String> types = Arrays.stream(family.getAnnotation(JsonSubTypes.class).value())
				.map(JsonSubTypes.Type::name)
				.collect(Collectors.toSet());
			Set<String> examples = examples().filter((arguments) -> arguments.get()[1] == family)
				.map((arguments) -> read((String) arguments.get()[0]).path("type").asString())
				.collect(Collectors.toSet());
			assertThat(examples).as(family.getSimpleName()).isEqualTo(types);
			assertThat(family.getPermittedSubclasses()).as(family.getSimpleName()).hasSize(types.size());
		}
	}

	/** Strict on purpose: the families themselves tolerate unknown fields. */
	private ObjectReader strict(Class<?> family) {
		return this.json.readerFor(family).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	private JsonNode read(String example) {
		try (InputStream in = getClass().getResourceAsStream("/golden/kafka/" + example)) {
			assertThat(in).as("golden example " + example).isNotNull();
			return this.json.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Arguments toMedia(String example, SignalToMedia record) {
		return Arguments.of("signal-to-media-" + example + ".json", SignalToMedia.class, record);
	}

	private static Arguments toClient(String example, SignalToClient record) {
		return Arguments.of("signal-to-client-" + example + ".json", SignalToClient.class, record);
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-25T" + time);
	}

}
