package dev.onair.broadcast.owner;

import java.net.URI;
import java.util.UUID;

import dev.onair.contract.OwnerTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Checks the {@code Authorization: Bearer <ownerToken>} header against the broadcast id:
 * 401 when it is missing or not a Bearer credential, 403 when the token belongs to
 * another broadcast or was not signed with our key.
 */
@Component
public class OwnerCheck {

	private static final String BEARER = "Bearer ";

	private final OwnerTokens tokens;

	OwnerCheck(OwnerTokens tokens) {
		this.tokens = tokens;
	}

	/** Returns normally for the owner; otherwise throws a 401/403 problem. */
	public void require(HttpHeaders headers, UUID broadcast) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| authorization.length() == BEARER.length()) {
			ErrorResponseException ex = rejected(HttpStatus.UNAUTHORIZED, "unauthorized", "Owner token required",
					"Send the owner token of this broadcast as 'Authorization: Bearer <ownerToken>'.");
			ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			throw ex;
		}
		if (!this.tokens.verify(authorization.substring(BEARER.length()).trim(), broadcast.toString())) {
			throw rejected(HttpStatus.FORBIDDEN, "forbidden", "Not the owner",
					"The owner token does not belong to broadcast " + broadcast + ".");
		}
	}

	private static ErrorResponseException rejected(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:onair:problem:" + type));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
