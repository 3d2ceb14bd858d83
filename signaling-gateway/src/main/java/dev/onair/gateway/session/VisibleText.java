package dev.onair.gateway.session;

/**
 * Text other people will see (names, chat): what cannot be seen is removed, so nobody can
 * hide text, reorder a line with bidi overrides (U+202E makes "gnp.exe" look like
 * "exe.png") or pose as someone else with a look-alike name padded by zero-width
 * characters.
 */
public final class VisibleText {

	private static final int ZERO_WIDTH_NON_JOINER = 0x200C;

	private static final int ZERO_WIDTH_JOINER = 0x200D;

	private VisibleText() {
	}

	/**
	 * {@code raw} without control characters and format characters (Unicode category Cf:
	 * bidi embeddings, overrides and isolates, zero-width space, word joiner, BOM...),
	 * trimmed. ZWNJ and ZWJ stay: Persian and Indic spelling and emoji sequences (👩‍💻)
	 * need them, and alone they hide nothing.
	 */
	public static String clean(String raw) {
		StringBuilder cleaned = new StringBuilder(raw.length());
		raw.codePoints().filter(VisibleText::visible).forEach(cleaned::appendCodePoint);
		return cleaned.toString().strip();
	}

	private static boolean visible(int c) {
		if (Character.isISOControl(c)) {
			return false;
		}
		return Character.getType(c) != Character.FORMAT || c == ZERO_WIDTH_NON_JOINER || c == ZERO_WIDTH_JOINER;
	}

}
