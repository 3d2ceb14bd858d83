package dev.onair.presence.sessions;

/**
 * A {@code presence.sessions} record that can never be applied; it goes to the
 * dead-letter topic without retries.
 */
public class InvalidSessionEventException extends RuntimeException {

	InvalidSessionEventException(String message) {
		super(message);
	}

}
