package dev.onair.presence.viewers;

import reactor.core.publisher.Mono;

import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.PresenceKeys;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The exact count of one room, read from Redis (edge-web routes it publicly). */
@RestController
class RoomViewersController {

	private final Membership membership;

	RoomViewersController(Membership membership) {
		this.membership = membership;
	}

	@GetMapping("/api/rooms/{id}/viewers")
	Mono<RoomViewers> viewers(@PathVariable String id) {
		if (!PresenceKeys.ID.matcher(id).matches()) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Room id must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"));
		}
		return this.membership.count(id).map((count) -> new RoomViewers(count.viewers(), count.peak()));
	}

	record RoomViewers(long viewers, long peak) {

	}

}
