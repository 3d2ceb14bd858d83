package dev.onair.media.replies;

import dev.onair.contract.signal.MediaError;

/**
 * A client's media request that cannot be carried out; the sender gets an {@code error}
 * with this stable code (listed in the README) and nothing else is disturbed.
 */
public class MediaRefusal extends RuntimeException {

	private final String code;

	/** A refusal with a code of the WebSocket protocol ({@code field.invalid}, …). */
	public MediaRefusal(String code, String message) {
		super(message);
		this.code = code;
	}

	public MediaRefusal(MediaError error, String message) {
		this(error.code(), message);
	}

	public String code() {
		return this.code;
	}

}
