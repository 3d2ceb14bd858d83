package dev.onair.gateway.session;

/**
 * A client frame that the gateway refuses, with the stable error code the client gets in
 * its {@code error} frame (codes are listed in {@code docs/protocol.md}). Expected, so it
 * carries no stack trace.
 */
public class Refusal extends RuntimeException {

	private final String code;

	private final Long retryAfterMs;

	public Refusal(String code, String message) {
		this(code, message, null);
	}

	public Refusal(String code, String message, Long retryAfterMs) {
		super(message, null, false, false);
		this.code = code;
		this.retryAfterMs = retryAfterMs;
	}

	public String code() {
		return this.code;
	}

	public Long retryAfterMs() {
		return this.retryAfterMs;
	}

}
