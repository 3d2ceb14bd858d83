package dev.onair.media.janus;

/**
 * A Janus request failed: the node answered with an error, did not answer in time, or is
 * down. {@code code} is Janus's numeric error code, or 0 when there was no answer.
 */
public class JanusException extends RuntimeException {

	private final int code;

	JanusException(int code, String message) {
		super(message);
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
