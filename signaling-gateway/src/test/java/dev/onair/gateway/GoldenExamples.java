package dev.onair.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Checks of the golden examples of Kafka records ({@code golden/kafka} on the classpath:
 * this module's test resources for the records only gateways produce and read, the
 * contract module's for the others): an example reads into its record, the record writes
 * exactly the example, and an example with a field from a future version still reads. All
 * with the mapper the gateway's listeners and {@code KafkaSends} use, the one Spring
 * Boot's {@code JacksonAutoConfiguration} builds (the gateway's one
 * {@code spring.jackson} setting, unknown properties tolerated, is its default) — but
 * reading strictly, so only the records' own annotations can tolerate the extra field.
 */
public final class GoldenExamples {

	private static final JsonMapper JSON = servicesMapper();

	private GoldenExamples() {
	}

	/**
	 * For each example: it reads into its record, the record writes exactly the example,
	 * and the example with an unknown extra field still reads.
	 */
	public static Stream<DynamicTest> checkedBothWays(Class<?> type, List<Example> examples) {
		return examples.stream()
			.flatMap(
					(example) -> Stream.of(
							dynamicTest(example.file() + " reads as its record",
									() -> assertThat(strictlyRead(read(example.file()), type))
										.isEqualTo(example.record())),
							dynamicTest(example.file() + " is what its record writes", () -> assertWrites(example)),
							dynamicTest(example.file() + " with an unknown field still reads",
									() -> assertReadsWithAnUnknownField(example, type))));
	}

	/**
	 * For examples whose record the test does not spell out (the contract's, checked
	 * against their records in the contract module): each reads into {@code type}, its
	 * record writes exactly the example, and with an unknown extra field it reads into an
	 * equal record.
	 */
	public static Stream<DynamicTest> checkedBothWays(Class<?> type, String... files) {
		return Stream.of(files)
			.flatMap(
					(file) -> Stream.of(
							dynamicTest(file + " reads as a " + type.getSimpleName() + " that writes it",
									() -> assertThat(
											JSON.readTree(JSON.writeValueAsString(strictlyRead(read(file), type))))
										.isEqualTo(read(file))),
							dynamicTest(file + " with an unknown field still reads", () -> {
								ObjectNode withExtra = (ObjectNode) read(file);
								withExtra.put("addedInAFutureVersion", "ignored");
								assertThat(strictlyRead(withExtra, type)).as(withExtra.toString())
									.isEqualTo(strictlyRead(read(file), type));
							})));
	}

	private static void assertWrites(Example example) {
		// Compared as trees: the same properties and values, with no other (a null the
		// record does not have would be one).
		assertThat(JSON.readTree(JSON.writeValueAsString(example.record()))).isEqualTo(read(example.file()));
	}

	private static void assertReadsWithAnUnknownField(Example example, Class<?> type) {
		ObjectNode withExtra = (ObjectNode) read(example.file());
		withExtra.put("addedInAFutureVersion", "ignored");
		assertThat(strictlyRead(withExtra, type)).as(withExtra.toString()).isEqualTo(example.record());
	}

	/** Reads as a consumer whose mapper fails on unknown properties would. */
	public static Object strictlyRead(JsonNode value, Class<?> type) {
		return JSON.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(value);
	}

	public static JsonNode read(String example) {
		try (InputStream in = GoldenExamples.class.getResourceAsStream("/golden/kafka/" + example)) {
			assertThat(in).as("golden example " + example).isNotNull();
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A golden example file and the record it holds. */
	public record Example(String file, Object record) {

	}

	private static JsonMapper servicesMapper() {
		AtomicReference<JsonMapper> mapper = new AtomicReference<>();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> mapper.set(context.getBean(JsonMapper.class)));
		return mapper.get();
	}

}
