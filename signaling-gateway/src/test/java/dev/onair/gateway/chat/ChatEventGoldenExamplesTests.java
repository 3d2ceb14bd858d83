package dev.onair.gateway.chat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.onair.gateway.GoldenExamples;
import dev.onair.gateway.GoldenExamples.Example;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden chat event reads into the record its {@code kind} names, that record
 * writes exactly the golden JSON, both kinds have an example, and gateways read what
 * gateways one version ahead or behind write: an unknown extra field, and the
 * {@code null} fields of the other kind that events carried before the family was sealed
 * (they are still on {@code chat.messages} during a rolling upgrade).
 */
class ChatEventGoldenExamplesTests {

	private static final String ROOM = "0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10";

	/** What every event carried before the family was sealed. */
	private static final List<String> BAG_FIELDS = List.of("kind", "room", "id", "from", "name", "badge", "text", "at");

	private static final List<Example> EXAMPLES = List.of(
			new Example("chat-event-message.json",
					new ChatEvent.Message(ROOM, "m-19abf4c2e80a1b2c3d4e5", "s-91bb04", "mina", null, "안녕하세요!",
							Instant.parse("2026-11-25T12:03:00.250Z"))),
			new Example("chat-event-message-streamer.json",
					new ChatEvent.Message(ROOM, "m-19abf4c2f10f6e5d4c3b2", "s-7d1c2a", "host", "streamer",
							"Welcome, everyone", Instant.parse("2026-11-25T12:03:02Z"))),
			new Example("chat-event-deleted.json", new ChatEvent.Deleted(ROOM, "m-19abf4c2e80a1b2c3d4e5", "s-7d1c2a",
					Instant.parse("2026-11-25T12:04:10Z"))));

	@TestFactory
	Stream<DynamicTest> goldenExamples() {
		return GoldenExamples.checkedBothWays(ChatEvent.class, EXAMPLES);
	}

	@Test
	void examplesAsWrittenBeforeTheFamilyWasSealedStillRead() {
		for (Example example : EXAMPLES) {
			ObjectNode old = (ObjectNode) GoldenExamples.read(example.file());
			BAG_FIELDS.stream().filter((field) -> !old.has(field)).forEach(old::putNull);
			assertThat(GoldenExamples.strictlyRead(old, ChatEvent.class)).as(old.toString())
				.isEqualTo(example.record());
		}
	}

	@Test
	void everyKindHasAnExample() {
		Set<String> kinds = Arrays.stream(ChatEvent.class.getAnnotation(JsonSubTypes.class).value())
			.map(JsonSubTypes.Type::name)
			.collect(Collectors.toSet());
		Set<String> examples = EXAMPLES.stream()
			.map((example) -> GoldenExamples.read(example.file()).path("kind").asString())
			.collect(Collectors.toSet());
		assertThat(examples).isEqualTo(kinds);
		assertThat(ChatEvent.class.getPermittedSubclasses()).hasSize(kinds.size());
	}

}
