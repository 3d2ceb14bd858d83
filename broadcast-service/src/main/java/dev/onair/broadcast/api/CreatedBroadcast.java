package dev.onair.broadcast.api;

import java.time.Instant;
import java.util.List;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.contract.broadcast.BroadcastStatus;

/** The create response: the only place the owner token is ever shown. */
record CreatedBroadcast(String id, String title, String description, List<String> tags, String streamer,
		BroadcastStatus status, Instant createdAt, String ownerToken) {

	static CreatedBroadcast of(Broadcast b, String ownerToken) {
		return new CreatedBroadcast(b.id().toString(), b.title(), b.description(), b.tags(), b.streamer(), b.status(),
				b.createdAt(), ownerToken);
	}

}
