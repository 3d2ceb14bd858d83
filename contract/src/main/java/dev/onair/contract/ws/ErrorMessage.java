package dev.onair.contract.ws;

/**
 * Server, a frame was refused or something failed ({@code error}). The connection stays
 * open. Codes are stable (see {@code docs/protocol.md}); messages are for humans.
 *
 * @param code stable error code, e.g. {@code chat.rate-limited}
 * @param message human-readable explanation
 * @param ref the {@code ref} of the frame that caused it, if the client set one
 * @param retryAfterMs when retrying makes sense, after how long; else {@code null}
 */
public record ErrorMessage(String code, String message, String ref, Long retryAfterMs) implements ServerMessage {

}
