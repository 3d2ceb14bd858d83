package dev.onair.broadcast.owner;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.onair.broadcast.owner.OwnerTokenIssuer.IssuedToken;
import dev.onair.broadcast.problem.ApiProblem;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.contract.OwnerTokens.OwnerToken;
import dev.onair.contract.broadcast.BroadcastStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-issuing a broadcast's owner token: the holder of a valid token gets a fresh one (new
 * expiry, current key) and every earlier token is revoked, e.g. after it leaked, or
 * before the old one expires during a long broadcast. The new generation reaches the
 * gateways with the broadcast's next snapshot.
 */
@RestController
class OwnerTokenController {

	private static final Logger log = LoggerFactory.getLogger(OwnerTokenController.class);

	private final BroadcastChanges changes;

	private final OwnerCheck owner;

	private final OwnerTokenIssuer issuer;

	OwnerTokenController(BroadcastChanges changes, OwnerCheck owner, OwnerTokenIssuer issuer) {
		this.changes = changes;
		this.owner = owner;
		this.issuer = issuer;
	}

	@PostMapping("/api/broadcasts/{id}/owner-token")
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@Operation(summary = "Re-issue the owner token (owner only)",
			description = "The new token replaces every earlier one, which stop working at once.")
	@ApiResponse(responseCode = "200", description = "The new token and its expiry")
	@ApiResponse(responseCode = "401", description = "No owner token, or an expired or revoked one",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The token is not this broadcast's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such broadcast",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The broadcast has ended",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<IssuedToken> reissue(@PathVariable UUID id, @Parameter(hidden = true) @RequestHeader HttpHeaders headers) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		OwnerToken presented = this.owner.require(headers, id, now);
		return this.changes.change(id, (b) -> {
			if (this.owner.current(presented, b).status() == BroadcastStatus.ENDED) {
				throw new ApiProblem(HttpStatus.CONFLICT, "ended", "Broadcast ended",
						"Broadcast " + id + " has ended; its owner token is no longer needed.");
			}
			return b.ownerTokenReissued();
		}).switchIfEmpty(Mono.error(() -> ApiProblem.notFound(id))).map((change) -> {
			log.atInfo()
				.addKeyValue("broadcast", id)
				.addKeyValue("generation", change.after().ownerGeneration())
				.log("Owner token re-issued");
			return this.issuer.issue(change.after(), now);
		});
	}

}
