package dev.onair.gateway.whip;

import java.net.URI;

import dev.onair.contract.ws.IceServer;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WHEP endpoint of a broadcast and the resources of its subscriptions, reached
 * through edge-web like the rest of {@code /api}. Anyone may watch, as over the WebSocket
 * protocol: no token.
 */
@RestController
@RequestMapping("/api/broadcasts/{id}/whep")
class WhepController {

	private final WhepWatching watching;

	WhepController(WhepWatching watching) {
		this.watching = watching;
	}

	@PostMapping(consumes = WhipController.SDP, produces = WhipController.SDP)
	@Operation(summary = "Watch with WHEP",
			description = "The body is the player's SDP offer, receiving video (and audio). The subscription is "
					+ "placed and layered as a WebSocket viewer's and counted as a viewer. The answer carries the "
					+ "media server's candidates; the Location names the subscription, Link headers TURN servers "
					+ "with short-lived credentials. The video codec's payload type must be the broadcast's "
					+ "(browsers' numbering: VP8 96, Opus 111).")
	@ApiResponse(responseCode = "201", description = "The SDP answer",
			content = @Content(mediaType = WhipController.SDP, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400", description = "An unknown quality",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such broadcast",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "410", description = "The broadcast has ended",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "The offer is larger than 32 KiB",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not application/sdp",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422",
			description = "Unusable SDP: no video in the broadcast's codec under its payload type, no ICE "
					+ "credentials, or a denied candidate",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503",
			description = "Nobody publishes yet, or the media plane did not answer; retry after Retry-After",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<String>> watch(@PathVariable String id,
			@Parameter(description = "auto (the default), 720p or 480p") @RequestParam(required = false) String quality,
			@RequestBody String offer) {
		return Mono.defer(() -> this.watching.watch(id, quality, offer)).map((subscription) -> {
			ResponseEntity.BodyBuilder created = ResponseEntity
				.created(URI.create("/api/broadcasts/" + id + "/whep/" + subscription.resource()))
				.contentType(MediaType.parseMediaType(WhipController.SDP));
			for (IceServer server : subscription.iceServers()) {
				for (String url : server.urls()) {
					created.header(HttpHeaders.LINK, WhipController.link(url, server));
				}
			}
			return created.body(subscription.answer());
		});
	}

	@PatchMapping(path = "/{resource}", consumes = WhipController.TRICKLE)
	@Operation(summary = "Trickle ICE candidates to a WHEP subscription",
			description = "An RFC 8840 fragment with the player's candidates (and a=end-of-candidates). ICE "
					+ "restarts are not supported: a fragment with new ICE credentials is refused with 422.")
	@ApiResponse(responseCode = "204", description = "The candidates went to the media server")
	@ApiResponse(responseCode = "400", description = "Not a trickle fragment, or more than 32 candidates",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such subscription",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not application/trickle-ice-sdpfrag",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "An ICE restart, or a denied candidate address",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Void>> trickle(@PathVariable String id, @PathVariable String resource,
			@RequestBody String fragment) {
		return Mono.defer(() -> this.watching.trickle(id, resource, fragment))
			.then(Mono.just(ResponseEntity.noContent().build()));
	}

	@DeleteMapping("/{resource}")
	@Operation(summary = "End a WHEP subscription", description = "The viewer leaves and is no longer counted.")
	@ApiResponse(responseCode = "200", description = "The subscription ended")
	@ApiResponse(responseCode = "404", description = "No such subscription (or it ended already)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Void>> stop(@PathVariable String id, @PathVariable String resource) {
		return Mono.defer(() -> this.watching.stop(id, resource)).then(Mono.just(ResponseEntity.ok().build()));
	}

	@Hidden
	@RequestMapping(method = RequestMethod.OPTIONS)
	ResponseEntity<Void> endpointOptions() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT)
			.header(HttpHeaders.ALLOW, "OPTIONS, POST")
			.header("Accept-Post", WhipController.SDP)
			.build();
	}

	@Hidden
	@RequestMapping(path = "/{resource}", method = RequestMethod.OPTIONS)
	ResponseEntity<Void> resourceOptions() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT)
			.header(HttpHeaders.ALLOW, "OPTIONS, PATCH, DELETE")
			.header("Accept-Patch", WhipController.TRICKLE)
			.build();
	}

}
