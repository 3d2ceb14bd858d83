package dev.onair.gateway.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibleTextTests {

	@Test
	void removesBidiOverridesIsolatesAndMarks() {
		assertThat(VisibleText.clean("invoice\u202Egnp.exe")).isEqualTo("invoicegnp.exe");
		assertThat(VisibleText.clean("\u2066a\u2069\u200Fb\u061C")).isEqualTo("ab");
	}

	@Test
	void removesZeroWidthPaddingButKeepsJoinersThatScriptsAndEmojiNeed() {
		assertThat(VisibleText.clean("ad\u200Bmin\u2060\uFEFF")).isEqualTo("admin");
		String womanTechnologist = "\uD83D\uDC69\u200D\uD83D\uDCBB";
		assertThat(VisibleText.clean(womanTechnologist)).isEqualTo(womanTechnologist);
		assertThat(VisibleText.clean("می\u200Cخواهم")).isEqualTo("می\u200Cخواهم");
	}

	@Test
	void removesControlCharactersAndTrimsButKeepsHangul() {
		assertThat(VisibleText.clean("  민준\u0000\u0007 \n")).isEqualTo("민준");
	}

}
