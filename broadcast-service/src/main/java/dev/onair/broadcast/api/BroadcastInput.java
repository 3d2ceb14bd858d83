package dev.onair.broadcast.api;

import java.util.List;

/**
 * Validated fields of a create or edit body; {@code null} means "not given".
 *
 * @param title 1–100 characters, trimmed
 * @param description up to 2000 characters
 * @param tags up to 10 tags of 1–30 characters each, trimmed
 * @param streamer optional display name of the streamer, 1–40 characters
 */
record BroadcastInput(String title, String description, List<String> tags, String streamer) {

	boolean isEmpty() {
		return this.title == null && this.description == null && this.tags == null && this.streamer == null;
	}

}
