package dev.onair.broadcast.api;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.onair.broadcast.creation.CreationRateLimit;
import dev.onair.broadcast.owner.OwnerCheck;
import dev.onair.broadcast.owner.OwnerTokenIssuer;
import dev.onair.broadcast.problem.ApiProblem;
import dev.onair.broadcast.state.Broadcast;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.broadcast.state.BroadcastStore;
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
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/broadcasts")
class BroadcastController {

	private static final Logger log = LoggerFactory.getLogger(BroadcastController.class);

	private final BroadcastInputReader reader;

	private final BroadcastChanges changes;

	private final BroadcastStore store;

	private final OwnerCheck owner;

	private final OwnerTokenIssuer issuer;

	private final CreationRateLimit creationLimit;

	BroadcastController(BroadcastInputReader reader, BroadcastChanges changes, BroadcastStore store, OwnerCheck owner,
			OwnerTokenIssuer issuer, CreationRateLimit creationLimit) {
		this.reader = reader;
		this.changes = changes;
		this.store = store;
		this.owner = owner;
		this.issuer = issuer;
		this.creationLimit = creationLimit;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a broadcast",
			description = "READY until its owner publishes. The response carries the owner token: it is shown only here.")
	@ApiResponse(responseCode = "201", description = "Created; Location names it")
	@ApiResponse(responseCode = "400", description = "The body is invalid; the problem lists each field",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "The body is too large",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not application/json",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429",
			description = "Too many broadcasts from this address; Retry-After says when to try again",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<CreatedBroadcast>> create(@RequestBody(required = false) String body,
			ServerHttpRequest request) {
		this.creationLimit.take(request);
		BroadcastInput input = this.reader.create(body);
		// A random UUID comes from SecureRandom, which reads /dev/urandom: file I/O, kept
		// off the event loop.
		return Mono.fromSupplier(UUID::randomUUID)
			.subscribeOn(Schedulers.boundedElastic())
			.map((id) -> Broadcast.ready(id, input.title(), (input.description() != null) ? input.description() : "",
					(input.tags() != null) ? input.tags() : List.of(), input.streamer(), now()))
			.flatMap(this.changes::create)
			.map((created) -> {
				log.atInfo().addKeyValue("broadcast", created.id()).log("Broadcast created");
				return ResponseEntity.created(URI.create("/api/broadcasts/" + created.id()))
					.body(CreatedBroadcast.of(created, this.issuer.issue(created, created.createdAt())));
			});
	}

	@GetMapping("/{id}")
	@Operation(summary = "One broadcast")
	@ApiResponse(responseCode = "200", description = "The broadcast")
	@ApiResponse(responseCode = "400", description = "Not a broadcast id",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such broadcast",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<BroadcastView> get(@PathVariable UUID id) {
		return this.store.find(id).switchIfEmpty(Mono.error(() -> ApiProblem.notFound(id))).map(BroadcastView::of);
	}

	@Operation(summary = "Edit title, description, tags or streamer name (owner only)",
			description = "JSON merge patch: absent fields stay as they are.")
	@ApiResponse(responseCode = "200", description = "The edited broadcast")
	@ApiResponse(responseCode = "400", description = "The body is invalid; the problem lists each field",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
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
	@ApiResponse(responseCode = "413", description = "The body is too large",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not JSON",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	Mono<BroadcastView> edit(@PathVariable UUID id, @Parameter(hidden = true) @RequestHeader HttpHeaders headers,
			@RequestBody(required = false) String body) {
		OwnerToken token = this.owner.require(headers, id, now());
		BroadcastInput input = this.reader.edit(body);
		return this.changes.change(id, (b) -> {
			if (this.owner.current(token, b).status() == BroadcastStatus.ENDED) {
				throw new ApiProblem(HttpStatus.CONFLICT, "ended", "Broadcast ended",
						"Broadcast " + id + " has ended and can no longer be edited.");
			}
			return b.edited(orElse(input.title(), b.title()), orElse(input.description(), b.description()),
					orElse(input.tags(), b.tags()), orElse(input.streamer(), b.streamer()));
		}).switchIfEmpty(Mono.error(() -> ApiProblem.notFound(id))).map((change) -> BroadcastView.of(change.after()));
	}

	/** Idempotent: ending an ENDED broadcast returns it unchanged. */
	@PostMapping("/{id}/end")
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@Operation(summary = "End the broadcast (owner only)",
			description = "Idempotent: ending an ended broadcast returns it unchanged.")
	@ApiResponse(responseCode = "200", description = "The ended broadcast")
	@ApiResponse(responseCode = "401", description = "No owner token, or an expired or revoked one",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The token is not this broadcast's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such broadcast",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<BroadcastView> end(@PathVariable UUID id, @Parameter(hidden = true) @RequestHeader HttpHeaders headers) {
		OwnerToken token = this.owner.require(headers, id, now());
		return this.changes.change(id, (b) -> this.owner.current(token, b).ended(now()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound(id)))
			.map((change) -> {
				if (change.applied()) {
					log.atInfo().addKeyValue("broadcast", id).log("Broadcast ended by its owner");
				}
				return BroadcastView.of(change.after());
			});
	}

	private static <T> T orElse(T given, T current) {
		return (given != null) ? given : current;
	}

	/**
	 * Millisecond precision: what PostgreSQL stores and JSON shows round-trips exactly.
	 */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
