package dev.onair.gateway.whip;

import java.time.Instant;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.OwnerTokens.OwnerToken;
import dev.onair.gateway.system.GatewayProperties;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The owner token as a WHIP bearer token (the stream key), with broadcast-service's
 * statuses: 401 when it is missing, not ours in form, or expired (revocation is the
 * broadcast's to tell: {@code broadcast.Broadcasts}); 403 when it is well formed but not
 * signed for this broadcast, which is what another broadcast's token looks like (a token
 * names no broadcast, so that is as precise as it gets).
 */
@Component
@SecurityScheme(name = OwnerCheck.SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "The broadcast's owner token, from its creation or a re-issue")
class OwnerCheck {

	/** The same name as broadcast-service's, so edge-web's merged document has one. */
	static final String SCHEME = "ownerToken";

	private static final String BEARER = "Bearer ";

	private final OwnerTokens tokens;

	OwnerCheck(GatewayProperties properties) {
		this.tokens = new OwnerTokens(properties.ownerTokenKeys());
	}

	OwnerToken require(String authorization, String room, Instant now) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| authorization.length() == BEARER.length()) {
			throw WhipProblem.tokenRequired();
		}
		String token = authorization.substring(BEARER.length()).strip();
		if (!OwnerTokens.isWellFormed(token)) {
			throw WhipProblem.invalidToken("owner-token-invalid", "Not an owner token",
					"The bearer token is not an owner token of this platform.");
		}
		OwnerToken owner = this.tokens.verify(token, room)
			.orElseThrow(() -> WhipProblem.of(HttpStatus.FORBIDDEN, "forbidden", "Not the owner",
					"The owner token does not belong to broadcast " + room + "."));
		if (owner.expiredAt(now)) {
			throw WhipProblem.invalidToken("owner-token-expired", "Owner token expired",
					"The owner token expired at " + owner.expiresAt() + "; re-issue one in the studio.");
		}
		return owner;
	}

}
