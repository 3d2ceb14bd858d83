package dev.onair.broadcast.owner;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.contract.OwnerTokens;

import org.springframework.stereotype.Component;

/** Mints a broadcast's owner token for its current generation, valid for the TTL. */
@Component
public class OwnerTokenIssuer {

	private final OwnerTokens tokens;

	private final Duration ttl;

	OwnerTokenIssuer(OwnerTokens tokens, OwnerTokenProperties properties) {
		this.tokens = tokens;
		this.ttl = properties.ttl();
	}

	public IssuedToken issue(Broadcast broadcast, Instant now) {
		// Whole seconds: what the token says, so the response and the token agree.
		Instant expiresAt = now.plus(this.ttl).truncatedTo(ChronoUnit.SECONDS);
		return new IssuedToken(this.tokens.mint(broadcast.id().toString(), broadcast.ownerGeneration(), expiresAt),
				expiresAt);
	}

	/**
	 * An owner token as the API shows it: only in the create and re-issue responses.
	 *
	 * @param ownerToken the token, for {@code Authorization: Bearer} and the gateway's
	 * {@code join}
	 * @param expiresAt when it stops working
	 */
	public record IssuedToken(String ownerToken, Instant expiresAt) {

	}

}
