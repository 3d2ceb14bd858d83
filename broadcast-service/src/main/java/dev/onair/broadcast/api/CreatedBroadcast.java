package dev.onair.broadcast.api;

import java.time.Instant;
import java.util.List;

import dev.onair.broadcast.owner.OwnerTokenIssuer.IssuedToken;
import dev.onair.broadcast.state.Broadcast;
import dev.onair.contract.broadcast.BroadcastStatus;

/**
 * The create response: with the re-issue response, the only place an owner token is ever
 * shown.
 */
record CreatedBroadcast(String id, String title, String description, List<String> tags, String streamer,
		BroadcastStatus status, Instant createdAt, String ownerToken, Instant ownerTokenExpiresAt) {

	static CreatedBroadcast of(Broadcast b, IssuedToken token) {
		return new CreatedBroadcast(b.id().toString(), b.title(), b.description(), b.tags(), b.streamer(), b.status(),
				b.createdAt(), token.ownerToken(), token.expiresAt());
	}

}
