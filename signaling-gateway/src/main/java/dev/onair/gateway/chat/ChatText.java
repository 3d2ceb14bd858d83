package dev.onair.gateway.chat;

import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.VisibleText;

/**
 * A chat text as the room will see it: invisible characters removed, trimmed, 1–300
 * characters (code points, so emoji and Hangul count as one each).
 */
record ChatText(String value) {

	static final int MAX_LENGTH = 300;

	static ChatText of(String raw) {
		if (raw == null) {
			throw new Refusal("field.missing", "chat.send needs text");
		}
		String text = VisibleText.clean(raw);
		int length = text.codePointCount(0, text.length());
		if (length == 0 || length > MAX_LENGTH) {
			throw new Refusal("chat.invalid-text",
					"Chat text must have 1–" + MAX_LENGTH + " characters after trimming; it has " + length);
		}
		return new ChatText(text);
	}

}
