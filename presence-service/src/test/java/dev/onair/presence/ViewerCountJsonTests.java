package dev.onair.presence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.contract.presence.ViewerCount;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON presence-service writes and reads matches the contract's golden examples. */
class ViewerCountJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void writesViewerCountsAsTheGoldenExample() throws Exception {
		ViewerCount count = new ViewerCount("0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10", 2, 42,
				Instant.parse("2026-11-25T12:02:05.250Z"));
		JSONAssert.assertEquals(golden("viewer-count.json"), this.json.writeValueAsString(count),
				JSONCompareMode.LENIENT);
	}

	@Test
	void readsTheGoldenSessionEventsAndIgnoresUnknownFields() throws Exception {
		SessionEvent heartbeat = this.json.readValue(golden("session-event-heartbeat.json"), SessionEvent.class);
		assertThat(heartbeat.type()).isEqualTo(SessionEventType.HEARTBEAT);
		assertThat(heartbeat.sessions()).containsExactly("s-7d1c2a", "s-91bb04");
		String joined = golden("session-event-joined.json").replaceFirst("\\{", "{\"addedLater\":true,");
		SessionEvent event = this.json.readValue(joined, SessionEvent.class);
		assertThat(event.session()).isEqualTo("s-7d1c2a");
		assertThat(event.at()).isEqualTo(Instant.parse("2026-11-25T12:02:00Z"));
	}

	private static String golden(String name) throws IOException {
		try (InputStream in = ViewerCountJsonTests.class.getResourceAsStream("/golden/kafka/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
