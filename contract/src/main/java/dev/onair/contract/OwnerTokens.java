package dev.onair.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The owner token of a broadcast: proof that the caller created it (or was given a
 * re-issued token by someone who held a valid one). broadcast-service mints it; the
 * gateway verifies it locally, with the same keys, without calling broadcast-service.
 * <p>
 * Format {@code <body>.<base64url HMAC-SHA256 of "onair-owner:<broadcastId>:<body>">}
 * with {@code body = v2.<kid>.<generation>.<expiry epoch s>}; the broadcast id is signed
 * but not written, so a token names no room:
 * <ul>
 * <li>{@code kid} names the key that signed it, derived from the key itself, so rotation
 * needs no key-id configuration: the newest key mints, older keys still verify until they
 * are dropped (tokens signed with a dropped key are refused).</li>
 * <li>{@code generation} is the broadcast's owner generation when the token was minted;
 * re-issuing bumps it, which revokes every token of an older generation (see
 * {@link OwnerToken#revokedBy}).</li>
 * <li>the expiry bounds how long a leaked token is worth anything.</li>
 * </ul>
 * Version 1 tokens (no expiry) are not accepted.
 */
public final class OwnerTokens {

	private static final String VERSION = "v2";

	/** Longer input is no token of ours; refused before any parsing or hashing. */
	private static final int MAX_LENGTH = 200;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SigningKey minting;

	private final Map<String, SigningKey> verifying = new LinkedHashMap<>();

	/**
	 * @param keys the keys, newest first (from one setting, comma separated): the first
	 * mints and every one verifies, so a rotation puts the new key in front and drops the
	 * old one once its tokens have expired; each at least 32 characters
	 */
	public OwnerTokens(List<String> keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("OWNER_TOKEN_KEY must be set (at least 32 characters)");
		}
		this.minting = SigningKey.of(keys.getFirst());
		for (String key : keys) {
			SigningKey signing = SigningKey.of(key);
			this.verifying.putIfAbsent(signing.id(), signing);
		}
	}

	/** The id of the key that mints: what {@code kid} says in new tokens. */
	public String currentKeyId() {
		return this.minting.id();
	}

	public String mint(String broadcastId, long generation, Instant expiresAt) {
		String body = VERSION + "." + this.minting.id() + "." + generation + "." + expiresAt.getEpochSecond();
		return body + "." + ENCODER.encodeToString(this.minting.mac(signed(broadcastId, body)));
	}

	/**
	 * The claims of {@code token} when one of our keys signed it for {@code broadcastId}
	 * (constant-time comparison); empty for anything else. Expiry and revocation are the
	 * caller's next questions: they need the time and the broadcast's generation.
	 */
	public Optional<OwnerToken> verify(String token, String broadcastId) {
		if (broadcastId == null || !isWellFormed(token)) {
			return Optional.empty();
		}
		String[] parts = token.split("\\.", -1);
		SigningKey key = this.verifying.get(parts[1]);
		if (key == null) {
			return Optional.empty();
		}
		try {
			long generation = Long.parseLong(parts[2]);
			long expiry = Long.parseLong(parts[3]);
			byte[] presented = Base64.getUrlDecoder().decode(parts[4]);
			String body = String.join(".", parts[0], parts[1], parts[2], parts[3]);
			if (!MessageDigest.isEqual(presented, key.mac(signed(broadcastId, body)))) {
				return Optional.empty();
			}
			return Optional.of(new OwnerToken(parts[1], generation, Instant.ofEpochSecond(expiry)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether {@code token} has the form of one of our owner tokens
	 * ({@code v2.<kid>.<generation>.<expiry s>.<mac>}), signed or not: what tells "not an
	 * owner token at all" from "not this broadcast's".
	 */
	public static boolean isWellFormed(String token) {
		if (token == null || token.length() > MAX_LENGTH) {
			return false;
		}
		String[] parts = token.split("\\.", -1);
		return parts.length == 5 && VERSION.equals(parts[0]);
	}

	private static String signed(String broadcastId, String body) {
		return "onair-owner:" + broadcastId + ":" + body;
	}

	/**
	 * What a valid token claims.
	 *
	 * @param keyId the key that signed it
	 * @param generation the broadcast's owner generation it was minted for
	 * @param expiresAt the end of its validity
	 */
	public record OwnerToken(String keyId, long generation, Instant expiresAt) {

		public boolean expiredAt(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

		/**
		 * Re-issuing bumps a broadcast's generation: tokens of older generations are
		 * revoked. A newer generation than {@code current} is a re-issue the reader has
		 * not heard of yet (the gateway learns generations from {@code broadcast.state}),
		 * and valid.
		 */
		public boolean revokedBy(long current) {
			return this.generation < current;
		}

	}

	private record SigningKey(String id, byte[] secret) {

		static SigningKey of(String key) {
			if (key == null || key.length() < 32) {
				throw new IllegalArgumentException("Every OWNER_TOKEN_KEY key must have at least 32 characters");
			}
			byte[] secret = key.getBytes(StandardCharsets.UTF_8);
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(("onair-owner-key-id:" + key).getBytes(StandardCharsets.UTF_8));
				// 48 bits: enough to tell a handful of live keys apart, and it reveals
				// nothing usable about the key.
				return new SigningKey(ENCODER.encodeToString(digest).substring(0, 8), secret);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("SHA-256 is part of every JDK", ex);
			}
		}

		byte[] mac(String text) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
				return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
			}
		}

	}

}
