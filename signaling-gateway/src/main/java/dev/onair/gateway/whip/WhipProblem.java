package dev.onair.gateway.whip;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.onair.gateway.session.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A WHIP request refused, answered as {@code application/problem+json} (RFC 9457) with
 * the status RFC 9725 names for it; {@code type} is {@code urn:onair:problem:<kind>}, as
 * broadcast-service's problems.
 */
final class WhipProblem extends ErrorResponseException {

	private static final Logger log = LoggerFactory.getLogger(WhipProblem.class);

	private WhipProblem(HttpStatus status, String kind, String title, String detail) {
		super(status, problem(status, kind, title, detail), null);
	}

	static WhipProblem of(HttpStatus status, String kind, String title, String detail) {
		return new WhipProblem(status, kind, title, detail);
	}

	static WhipProblem tokenRequired() {
		WhipProblem problem = of(HttpStatus.UNAUTHORIZED, "unauthorized", "Owner token required",
				"Send the broadcast's owner token as 'Authorization: Bearer <ownerToken>' (OBS: Bearer Token).");
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return problem;
	}

	static WhipProblem invalidToken(String kind, String title, String detail) {
		WhipProblem problem = of(HttpStatus.UNAUTHORIZED, kind, title, detail);
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return problem;
	}

	static WhipProblem unusableSdp(String detail) {
		return of(HttpStatus.UNPROCESSABLE_CONTENT, "sdp-unusable", "Unusable SDP", detail);
	}

	static WhipProblem unavailable(String detail, Duration retryAfter) {
		WhipProblem problem = of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again", detail);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		return problem;
	}

	static WhipProblem noPublication(String room, String resource) {
		return of(HttpStatus.NOT_FOUND, "not-found", "No such publication",
				"Broadcast " + room + " has no WHIP publication " + resource + ".");
	}

	/**
	 * The gateway's refusals of a room or an SDP, as the status a WHIP client
	 * understands.
	 */
	static WhipProblem of(Refusal refusal) {
		return switch (refusal.code()) {
			case "room.not-found" -> of(HttpStatus.NOT_FOUND, "not-found", "Broadcast not found", refusal.getMessage());
			// Gone for good: an ended broadcast never takes a publisher again, and a
			// client must not retry as it may after 409.
			case "room.ended" -> of(HttpStatus.GONE, "ended", "Broadcast ended", refusal.getMessage());
			case "room.owner-token-revoked" ->
				invalidToken("owner-token-revoked", "Owner token revoked", refusal.getMessage());
			case "field.invalid", "field.missing", "ice.address-denied" -> unusableSdp(refusal.getMessage());
			default -> unavailable(refusal.getMessage(), Duration.ofSeconds(1));
		};
	}

	/**
	 * What a request that failed is answered: its problem, or {@code 503} when Kafka,
	 * Redis or media-service did not answer.
	 */
	static WhipProblem of(Throwable ex) {
		if (ex instanceof WhipProblem problem) {
			return problem;
		}
		if (ex instanceof TimeoutException) {
			return unavailable("The media service did not answer in time; try again.", Duration.ofSeconds(2));
		}
		log.warn("WHIP/WHEP request failed: {}", ex.toString());
		return unavailable("The platform could not complete this; try again.", Duration.ofSeconds(1));
	}

	private static ProblemDetail problem(HttpStatus status, String kind, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:onair:problem:" + kind));
		problem.setTitle(title);
		return problem;
	}

}
