package dev.onair.broadcast.owner;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.contract.OwnerTokens;
import dev.onair.contract.OwnerTokens.OwnerToken;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Checks the {@code Authorization: Bearer <ownerToken>} header of a request for a
 * broadcast, in two steps: {@link #require} before anything is read (401 when it is
 * missing, not a Bearer credential or expired; 403 when it belongs to another broadcast
 * or no key of ours signed it), then {@link #current} against the locked row (401 when a
 * re-issue revoked it). Expired and revoked are 401 with {@code error="invalid_token"}
 * (RFC 6750): the owner's right stands, the credential does not.
 */
@Component
@SecurityScheme(name = OwnerCheck.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "The broadcast's owner token, from its creation or a re-issue")
public class OwnerCheck {

	/** The owner token in the OpenAPI description. */
	public static final String SCHEME = "ownerToken";

	private static final String BEARER = "Bearer ";

	private final OwnerTokens tokens;

	OwnerCheck(OwnerTokens tokens) {
		this.tokens = tokens;
	}

	/** The token's claims when it is a valid, unexpired token of this broadcast. */
	public OwnerToken require(HttpHeaders headers, UUID broadcast, Instant now) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| authorization.length() == BEARER.length()) {
			ErrorResponseException ex = rejected(HttpStatus.UNAUTHORIZED, "unauthorized", "Owner token required",
					"Send the owner token of this broadcast as 'Authorization: Bearer <ownerToken>'.");
			ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			throw ex;
		}
		OwnerToken token = this.tokens.verify(authorization.substring(BEARER.length()).trim(), broadcast.toString())
			.orElseThrow(() -> rejected(HttpStatus.FORBIDDEN, "forbidden", "Not the owner",
					"The owner token does not belong to broadcast " + broadcast + "."));
		if (token.expiredAt(now)) {
			throw invalidToken("owner-token-expired", "Owner token expired",
					"The owner token expired at " + token.expiresAt() + "; re-issue one before it runs out.");
		}
		return token;
	}

	/**
	 * {@code broadcast} when no re-issue has revoked {@code token} since it was minted.
	 */
	public Broadcast current(OwnerToken token, Broadcast broadcast) {
		if (token.revokedBy(broadcast.ownerGeneration())) {
			throw invalidToken("owner-token-revoked", "Owner token revoked",
					"A newer owner token was issued for broadcast " + broadcast.id() + "; this one was revoked.");
		}
		return broadcast;
	}

	private static ErrorResponseException invalidToken(String type, String title, String detail) {
		ErrorResponseException ex = rejected(HttpStatus.UNAUTHORIZED, type, title, detail);
		ex.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return ex;
	}

	private static ErrorResponseException rejected(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:onair:problem:" + type));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

}
