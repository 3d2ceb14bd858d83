package dev.onair.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The owner token of a broadcast: proof that the caller created it. broadcast-service
 * mints it once (shown only in the create response); the gateway verifies it locally,
 * with the same key, without calling broadcast-service. Format
 * {@code v1.<base64url HMAC-SHA256
 * of "onair-owner:v1:<broadcastId>">}; rotating the key revokes every token.
 */
public final class OwnerTokens {

	private static final String PREFIX = "v1.";

	private final byte[] key;

	public OwnerTokens(String key) {
		if (key == null || key.length() < 32) {
			throw new IllegalArgumentException("The owner-token key must have at least 32 characters");
		}
		this.key = key.getBytes(StandardCharsets.UTF_8);
	}

	public String mint(String broadcastId) {
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(broadcastId));
	}

	/**
	 * Constant-time check that {@code token} is the owner token of {@code broadcastId}.
	 */
	public boolean verify(String token, String broadcastId) {
		if (token == null || broadcastId == null || !token.startsWith(PREFIX)) {
			return false;
		}
		byte[] presented;
		try {
			presented = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(presented, mac(broadcastId));
	}

	private byte[] mac(String broadcastId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(("onair-owner:v1:" + broadcastId).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
