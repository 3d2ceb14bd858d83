package dev.onair.media;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.contract.signal.SignalToMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Kafka record media-service reads (signals to media, broadcast snapshots) or
 * writes (signals to clients, publisher events, drain's move) against its golden example,
 * with the mapper the service's functions and producers use: Spring Boot's, configured by
 * this service's application.yml. Each example reads into its record and the record
 * writes exactly the example; with a field from a future version it still reads, read
 * strictly. The functions and Replies on their bindings: {@code BindingsTests},
 * {@code RepliesBindingTests}.
 */
@SpringBootTest(classes = KafkaGoldenExamplesTests.Json.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KafkaGoldenExamplesTests {

	@Autowired
	private JsonMapper json;

	static Stream<Arguments> examples() {
		return Stream
			.of(KafkaGoldenExamples.SIGNALS_TO_MEDIA.stream().map((file) -> example(file, SignalToMedia.class)),
					KafkaGoldenExamples.SIGNALS_TO_CLIENTS.stream().map((file) -> example(file, SignalToClient.class)),
					Stream.of(example("broadcast-changed.json", BroadcastChanged.class),
							example("publisher-event.json", PublisherEvent.class)))
			.flatMap((examples) -> examples);
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleReadsAsItsRecordWhichWritesItBack(String example, Class<?> type) {
		JsonNode golden = KafkaGoldenExamples.read(this.json, example);
		Object record = KafkaGoldenExamples.strictlyRead(this.json, golden, type);
		assertThat(type).isAssignableFrom(record.getClass());
		// Compared as trees: the same properties and values, with no other.
		assertThat(this.json.readTree(this.json.writeValueAsString(record))).isEqualTo(golden);
	}

	@ParameterizedTest
	@MethodSource("examples")
	void exampleWithAFieldFromAFutureVersionStillReads(String example, Class<?> type) {
		JsonNode withExtra = KafkaGoldenExamples.withAFieldFromAFutureVersion(this.json, example);
		assertThat(KafkaGoldenExamples.strictlyRead(this.json, withExtra, type))
			.isEqualTo(KafkaGoldenExamples.strictlyRead(this.json, KafkaGoldenExamples.read(this.json, example), type));
	}

	@Test
	void everyTypeOfBothSignalFamiliesHasAnExample() {
		assertThat(typesIn(KafkaGoldenExamples.SIGNALS_TO_MEDIA)).isEqualTo(typesOf(SignalToMedia.class));
		assertThat(typesIn(KafkaGoldenExamples.SIGNALS_TO_CLIENTS)).isEqualTo(typesOf(SignalToClient.class));
	}

	private Set<String> typesIn(java.util.List<String> examples) {
		return examples.stream()
			.map((example) -> KafkaGoldenExamples.read(this.json, example).path("type").asString())
			.collect(Collectors.toSet());
	}

	private static Set<String> typesOf(Class<?> family) {
		return Arrays.stream(family.getAnnotation(JsonSubTypes.class).value())
			.map(JsonSubTypes.Type::name)
			.collect(Collectors.toSet());
	}

	private static Arguments example(String file, Class<?> type) {
		return Arguments.of(file, type);
	}

	/** Only the mapper, as Spring Boot builds it with application.yml. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JacksonAutoConfiguration.class)
	static class Json {

	}

}
