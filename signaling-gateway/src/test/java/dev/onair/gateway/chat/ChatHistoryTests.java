package dev.onair.gateway.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.onair.contract.ws.ChatMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatHistoryTests {

	private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

	/**
	 * Written by two gateways: m2 (at +3 s) reached Kafka before m1 (at +2 s), and a page
	 * that had m2 moved before m1 reached it.
	 */
	private static final List<ChatMessage> HISTORY = List.of(message("m0", 0), message("m1", 2), message("m2", 3),
			message("m3", 9));

	@Test
	void aJoinWithSinceGetsTheMessagesWrittenShortlyBeforeItAgain() {
		assertThat(HISTORY.subList(ChatHistory.missedSince(HISTORY, "m2", Duration.ofSeconds(2)), HISTORY.size()))
			.extracting(ChatMessage::id)
			.containsExactly("m1", "m2", "m3");
	}

	@Test
	void withoutOverlapFromSinceOn() {
		assertThat(ChatHistory.missedSince(HISTORY, "m2", Duration.ZERO)).isEqualTo(2);
		assertThat(ChatHistory.missedSince(HISTORY, "m3", Duration.ofSeconds(5))).isEqualTo(3);
	}

	@Test
	void theOverlapStopsAtTheOldestKept() {
		assertThat(ChatHistory.missedSince(HISTORY, "m3", Duration.ofMinutes(1))).isZero();
	}

	@Test
	void sinceNotKeptIsMinusOne() {
		assertThat(ChatHistory.missedSince(HISTORY, "gone", Duration.ofSeconds(10))).isEqualTo(-1);
	}

	private static ChatMessage message(String id, int second) {
		return new ChatMessage(id, "room-1", "s-1", "viewer", null, "text " + id, T.plusSeconds(second));
	}

}
