package dev.onair.gateway;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.media.PublisherEvent;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.contract.signal.SignalToMedia;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's Kafka records as the gateway's mapper writes them (signals to media,
 * session events) and reads them (signals to clients, viewer counts, broadcast snapshots,
 * publisher events), against the contract's golden examples: each reads, writes back
 * exactly, and tolerates a field from a future version. The gateway-only records have
 * tests of their own ({@code ChatEventGoldenExamplesTests},
 * {@code SanctionGoldenExamplesTests}, {@code CanaryPingGoldenExamplesTests}).
 */
class ContractRecordsGoldenExamplesTests {

	private static final String[] SIGNALS_TO_MEDIA = files("signal-to-media-", "answer", "ice", "ice-end", "left",
			"move", "publish", "quality", "unpublish", "unwatch", "watch");

	private static final String[] SIGNALS_TO_CLIENTS = files("signal-to-client-", "answer", "ended", "error", "ice",
			"ice-end", "layer", "offer");

	@TestFactory
	Stream<DynamicTest> written() {
		return Stream.concat(GoldenExamples.checkedBothWays(SignalToMedia.class, SIGNALS_TO_MEDIA), GoldenExamples
			.checkedBothWays(SessionEvent.class, "session-event-joined.json", "session-event-heartbeat.json"));
	}

	@TestFactory
	Stream<DynamicTest> read() {
		return Stream
			.of(GoldenExamples.checkedBothWays(SignalToClient.class, SIGNALS_TO_CLIENTS),
					GoldenExamples.checkedBothWays(ViewerCount.class, "viewer-count.json"),
					GoldenExamples.checkedBothWays(BroadcastChanged.class, "broadcast-changed.json"),
					GoldenExamples.checkedBothWays(PublisherEvent.class, "publisher-event.json"))
			.flatMap((tests) -> tests);
	}

	@Test
	void everyTypeOfBothSignalFamiliesHasAnExample() {
		assertThat(typesIn(SIGNALS_TO_MEDIA)).isEqualTo(typesOf(SignalToMedia.class));
		assertThat(typesIn(SIGNALS_TO_CLIENTS)).isEqualTo(typesOf(SignalToClient.class));
	}

	private static Set<String> typesIn(String[] examples) {
		return Arrays.stream(examples)
			.map((example) -> GoldenExamples.read(example).path("type").asString())
			.collect(Collectors.toSet());
	}

	private static Set<String> typesOf(Class<?> family) {
		return Arrays.stream(family.getAnnotation(JsonSubTypes.class).value())
			.map(JsonSubTypes.Type::name)
			.collect(Collectors.toSet());
	}

	private static String[] files(String prefix, String... types) {
		return Arrays.stream(types).map((type) -> prefix + type + ".json").toArray(String[]::new);
	}

}
