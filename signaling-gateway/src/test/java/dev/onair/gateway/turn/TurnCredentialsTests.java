package dev.onair.gateway.turn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnCredentialsTests {

	@Test
	void passwordIsBase64OfHmacSha1OfTheUsername() {
		// The published HMAC-SHA1 test vector, base64-encoded as coturn's use-auth-secret
		// expects.
		assertThat(TurnCredentials.password("key", "The quick brown fox jumps over the lazy dog"))
			.isEqualTo("3nybhbi3iqa8ino29wqQcBydtNk=");
	}

}
