package dev.onair.gateway.whip;

import java.net.URI;

import dev.onair.contract.ws.IceServer;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WHIP endpoint of a broadcast and the resources of its publications (RFC 9725),
 * reached through edge-web like the rest of {@code /api}.
 */
@RestController
@RequestMapping("/api/broadcasts/{id}/whip")
class WhipController {

	static final String SDP = "application/sdp";

	static final String TRICKLE = "application/trickle-ice-sdpfrag";

	private final WhipPublishing publishing;

	WhipController(WhipPublishing publishing) {
		this.publishing = publishing;
	}

	@PostMapping(consumes = SDP, produces = SDP)
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@Operation(summary = "Publish with WHIP (RFC 9725)",
			description = "The body is the encoder's SDP offer (VP8 or H.264 video, Opus audio; simulcast with "
					+ "rids h and l). The answer carries the media server's candidates; the Location names the "
					+ "publication, Link headers TURN servers with short-lived credentials. The broadcast goes "
					+ "LIVE once the media flows, as from the studio.")
	@ApiResponse(responseCode = "201", description = "The SDP answer",
			content = @Content(mediaType = SDP, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "401", description = "No owner token, not an owner token, or an expired or revoked one",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The token is not this broadcast's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such broadcast",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "A publisher (studio or encoder) is live already",
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
			description = "Unusable SDP: no video, no VP8 or H.264, no ICE credentials, or a denied candidate",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "The media plane did not answer; retry after Retry-After",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<String>> publish(@PathVariable String id,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
					required = false) String authorization,
			@RequestBody String offer) {
		return Mono.defer(() -> this.publishing.publish(id, authorization, offer)).map((publication) -> {
			ResponseEntity.BodyBuilder created = ResponseEntity
				.created(URI.create("/api/broadcasts/" + id + "/whip/" + publication.resource()))
				.contentType(MediaType.parseMediaType(SDP));
			for (IceServer server : publication.iceServers()) {
				for (String url : server.urls()) {
					created.header(HttpHeaders.LINK, link(url, server));
				}
			}
			return created.body(publication.answer());
		});
	}

	@PatchMapping(path = "/{resource}", consumes = TRICKLE)
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@Operation(summary = "Trickle ICE candidates to a WHIP publication",
			description = "An RFC 8840 fragment with the client's candidates (and a=end-of-candidates). ICE "
					+ "restarts are not supported: a fragment with new ICE credentials is refused with 422.")
	@ApiResponse(responseCode = "204", description = "The candidates went to the media server")
	@ApiResponse(responseCode = "400", description = "Not a trickle fragment, or more than 32 candidates",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No owner token, not an owner token, or an expired one",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The token is not this broadcast's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such publication",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not application/trickle-ice-sdpfrag",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "An ICE restart, or a denied candidate address",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Void>> trickle(@PathVariable String id, @PathVariable String resource,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
					required = false) String authorization,
			@RequestBody String fragment) {
		return Mono.defer(() -> this.publishing.trickle(id, resource, authorization, fragment))
			.then(Mono.just(ResponseEntity.noContent().build()));
	}

	@DeleteMapping("/{resource}")
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@Operation(summary = "End a WHIP publication",
			description = "The publisher leaves; the broadcast ends after the publisher grace unless someone "
					+ "publishes again, as when the studio stops.")
	@ApiResponse(responseCode = "200", description = "The publication ended")
	@ApiResponse(responseCode = "401", description = "No owner token, not an owner token, or an expired one",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The token is not this broadcast's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such publication (or it ended already)",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Void>> stop(@PathVariable String id, @PathVariable String resource,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
					required = false) String authorization) {
		return Mono.defer(() -> this.publishing.stop(id, resource, authorization))
			.then(Mono.just(ResponseEntity.ok().build()));
	}

	/**
	 * What the endpoint takes. No ICE servers here: OPTIONS carries no credentials (it is
	 * also the browsers' CORS preflight), and TURN credentials go to owners only, with
	 * the answer.
	 */
	@Hidden
	@RequestMapping(method = RequestMethod.OPTIONS)
	ResponseEntity<Void> endpointOptions() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT)
			.header(HttpHeaders.ALLOW, "OPTIONS, POST")
			.header("Accept-Post", SDP)
			.build();
	}

	@Hidden
	@RequestMapping(path = "/{resource}", method = RequestMethod.OPTIONS)
	ResponseEntity<Void> resourceOptions() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT)
			.header(HttpHeaders.ALLOW, "OPTIONS, PATCH, DELETE")
			.header("Accept-Patch", TRICKLE)
			.build();
	}

	/** RFC 9725 section 4.6: one Link per ICE server URL. */
	static String link(String url, IceServer server) {
		return "<" + url + ">; rel=\"ice-server\"; username=\"" + server.username() + "\"; credential=\""
				+ server.credential() + "\"; credential-type=\"password\"";
	}

}
