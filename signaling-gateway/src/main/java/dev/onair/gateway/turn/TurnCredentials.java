package dev.onair.gateway.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.onair.contract.ws.IceServer;
import dev.onair.gateway.system.GatewayProperties;

import org.springframework.stereotype.Component;

/**
 * Mints {@code username = <unix expiry>:<session>},
 * {@code credential = base64(HMAC-SHA1(secret, username))}: coturn recomputes the
 * password from its shared secret and refuses it after the expiry, so nothing is stored.
 */
@Component
public class TurnCredentials {

	private final GatewayProperties.Turn turn;

	public TurnCredentials(GatewayProperties properties) {
		this.turn = properties.turn();
	}

	/** The ICE servers for a session; empty when no TURN server is configured. */
	public List<IceServer> iceServers(String session, Instant now) {
		if (this.turn.urls().isEmpty()) {
			return List.of();
		}
		String username = now.plus(this.turn.ttl()).getEpochSecond() + ":" + session;
		return List.of(new IceServer(this.turn.urls(), username, password(this.turn.signingSecret(), username)));
	}

	static String password(String secret, String username) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is part of every JDK", ex);
		}
	}

}
