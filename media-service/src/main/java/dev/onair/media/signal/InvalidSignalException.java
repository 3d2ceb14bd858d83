package dev.onair.media.signal;

/** A {@code signal.to-media} record that is not a usable signal; it is dead-lettered. */
public class InvalidSignalException extends RuntimeException {

	InvalidSignalException(String message) {
		super(message);
	}

}
