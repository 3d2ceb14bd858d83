package dev.onair.broadcast.owner;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Owner-token settings ({@code onair.owner-token.*}); the signaling gateways verify with
 * the same keys. No default: without {@code OWNER_TOKEN_KEY} the service stops at
 * start-up.
 *
 * @param key the current HMAC key ({@code OWNER_TOKEN_KEY}), at least 32 characters:
 * mints and verifies
 * @param previousKeys keys of earlier rotations ({@code OWNER_TOKEN_PREVIOUS_KEYS}, comma
 * separated): verify only, so tokens minted before a rotation keep working until they
 * expire or the key is dropped
 * @param ttl how long a minted token is valid; the studio re-issues before it runs out
 */
@ConfigurationProperties("onair.owner-token")
public record OwnerTokenProperties(List<String> keys, @DefaultValue("24h") Duration ttl) {

}
