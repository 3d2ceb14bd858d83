package dev.onair.presence.viewers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.PresenceKeys;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

	@GetMapping(path = "/api/rooms/{id}/viewers", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A room's viewer count and its peak",
			description = "Counted from the gateways' session events; 0 for a room nobody joined.")
	@ApiResponse(responseCode = "200", description = "The count")
	@ApiResponse(responseCode = "400", description = "Not a room id",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<RoomViewers> viewers(@Parameter(description = "The room (broadcast) id") @PathVariable String id) {
		if (!PresenceKeys.ID.matcher(id).matches()) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Room id must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'"));
		}
		return this.membership.count(id).map((count) -> new RoomViewers(count.viewers(), count.peak()));
	}

	record RoomViewers(long viewers, long peak) {

	}

}
