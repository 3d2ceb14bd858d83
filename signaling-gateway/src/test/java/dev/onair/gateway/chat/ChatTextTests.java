package dev.onair.gateway.chat;

import dev.onair.gateway.session.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChatTextTests {

	@Test
	void removesControlCharactersAndTrims() {
		assertThat(ChatText.of("  hi\u0000 there\u0007\n ").value()).isEqualTo("hi there");
	}

	@Test
	void countsCodePointsSoHangulAndEmojiCountAsOneEach() {
		String text = "가".repeat(150) + "😀".repeat(150);
		assertThat(ChatText.of(text).value()).isEqualTo(text);
	}

	@Test
	void refusesEmptyAndOverlongText() {
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> ChatText.of(" \u0001 "))
			.satisfies((refusal) -> assertThat(refusal.code()).isEqualTo("chat.invalid-text"));
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> ChatText.of("a".repeat(301)));
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> ChatText.of(null))
			.satisfies((refusal) -> assertThat(refusal.code()).isEqualTo("field.missing"));
	}

	@Test
	void keepsMarkupAsPlainText() {
		assertThat(ChatText.of("<img src=x onerror=alert(1)>").value()).isEqualTo("<img src=x onerror=alert(1)>");
	}

}
