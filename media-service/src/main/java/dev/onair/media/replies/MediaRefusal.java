package dev.onair.media.replies;

/**
 * A client's media request that cannot be carried out; the sender gets an {@code error}
 * with this stable code (listed in the README) and nothing else is disturbed.
 */
public class MediaRefusal extends RuntimeException {

	private final String code;

	public MediaRefusal(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
