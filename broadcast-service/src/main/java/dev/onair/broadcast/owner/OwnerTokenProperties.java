package dev.onair.broadcast.owner;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The owner-token key ({@code onair.owner-token.key}, from {@code OWNER_TOKEN_KEY}); the
 * signaling gateway verifies tokens with the same key. No default: a missing key stops
 * the service at start-up.
 *
 * @param key HMAC key, at least 32 characters
 */
@ConfigurationProperties("onair.owner-token")
public record OwnerTokenProperties(String key) {

}
