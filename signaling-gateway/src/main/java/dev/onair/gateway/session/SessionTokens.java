package dev.onair.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.onair.gateway.system.GatewayProperties;

import org.springframework.stereotype.Component;

/**
 * Signed session tokens: {@code s1.<b64url id>.<b64url name>.<expiry epoch s>.<b64url
 * HMAC-SHA256>}. Every instance shares the key, so a client resumes its identity on any
 * of them without a lookup.
 */
@Component
public class SessionTokens {

	/** Tokens outlive any reconnect cycle but not a day of inactivity. */
	static final Duration LIFETIME = Duration.ofDays(1);

	private static final String PREFIX = "s1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	public SessionTokens(GatewayProperties properties) {
		this.key = properties.sessionTokenKey().getBytes(StandardCharsets.UTF_8);
	}

	public String mint(String session, String name, Instant now) {
		String body = PREFIX + "." + encode(session) + "." + encode(name) + "." + now.plus(LIFETIME).getEpochSecond();
		return body + "." + ENCODER.encodeToString(mac(body));
	}

	/** The identity in a valid, unexpired token, or {@code null}. */
	public Identity verify(String token, Instant now) {
		if (token == null) {
			return null;
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 5 || !PREFIX.equals(parts[0])) {
			return null;
		}
		try {
			String body = String.join(".", parts[0], parts[1], parts[2], parts[3]);
			byte[] presented = Base64.getUrlDecoder().decode(parts[4]);
			if (!MessageDigest.isEqual(presented, mac(body)) || Long.parseLong(parts[3]) < now.getEpochSecond()) {
				return null;
			}
			return new Identity(decode(parts[1]), decode(parts[2]));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String encode(String value) {
		return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String value) {
		return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
	}

	private byte[] mac(String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** Who a token says the client is. */
	public record Identity(String session, String name) {

	}

}
