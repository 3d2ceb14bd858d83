package dev.onair.search.ingest;

/**
 * A record that parsed but cannot be indexed (missing id, key that is not the id, ...).
 * Retrying cannot help, so it goes straight to the dead-letter topic.
 */
public class InvalidRecordException extends RuntimeException {

	InvalidRecordException(String message) {
		super(message);
	}

}
