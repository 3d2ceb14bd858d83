package dev.onair.gateway.turn;

import java.time.Instant;
import java.util.Map;

import dev.onair.contract.ws.IceServer;
import dev.onair.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TurnCredentialsTests {

	@Test
	void passwordIsBase64OfHmacSha1OfTheUsername() {
		// The published HMAC-SHA1 test vector, base64-encoded as coturn's use-auth-secret
		// expects.
		assertThat(TurnCredentials.password("key", "The quick brown fox jumps over the lazy dog"))
			.isEqualTo("3nybhbi3iqa8ino29wqQcBydtNk=");
	}

	@Test
	void turnServersWithoutASecretStopTheStartInsteadOfSilentlyGivingNoTurn() {
		for (String secret : new String[] { "", " " }) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> GatewaySettings
					.with(Map.of("onair.gateway.turn.urls", "turn:10.0.0.1:3478", "onair.gateway.turn.secret", secret)))
				.withStackTraceContaining("TURN_SECRET must be set when TURN_URLS is");
		}
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> GatewaySettings.with(Map.of("onair.gateway.turn.urls", "turn:10.0.0.1:3478")));
	}

	@Test
	void credentialsAreSignedWithTheFirstOfTheSecretsDuringARotation() {
		TurnCredentials credentials = new TurnCredentials(GatewaySettings
			.with(Map.of("onair.gateway.turn.urls", "turn:10.0.0.1:3478", "onair.gateway.turn.secret", "new,old")));
		IceServer server = credentials.iceServers("s-1", Instant.now()).get(0);
		assertThat(server.credential()).isEqualTo(TurnCredentials.password("new", server.username()));
	}

	@Test
	void noTurnServersConfiguredMeansNoIceServers() {
		assertThat(new TurnCredentials(GatewaySettings.with(Map.of())).iceServers("s-1", Instant.now())).isEmpty();
	}

}
