package dev.onair.broadcast.api;

import java.time.Instant;
import java.util.List;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.contract.broadcast.BroadcastStatus;

/** A broadcast as {@code GET /api/broadcasts/{id}} shows it: never the owner token. */
record BroadcastView(String id, String title, String description, List<String> tags, String streamer,
		BroadcastStatus status, Instant createdAt, Instant startedAt, Instant endedAt, long peakViewers,
		String thumbnailUrl) {

	static BroadcastView of(Broadcast b) {
		return new BroadcastView(b.id().toString(), b.title(), b.description(), b.tags(), b.streamer(), b.status(),
				b.createdAt(), b.startedAt(), b.endedAt(), b.peakViewers(), b.thumbnailUrl());
	}

}
