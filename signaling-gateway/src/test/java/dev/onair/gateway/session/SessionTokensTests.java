package dev.onair.gateway.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.onair.gateway.GatewaySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokensTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final SessionTokens tokens = tokens("k".repeat(32));

	@Test
	void tokenResumesTheSameIdentity() {
		String token = this.tokens.mint("s-1", "별빛.viewer", NOW);
		assertThat(this.tokens.verify(token, NOW.plusSeconds(60)))
			.isEqualTo(new SessionTokens.Identity("s-1", "별빛.viewer"));
	}

	@Test
	void expiredTamperedOrForeignTokensAreRejected() {
		String token = this.tokens.mint("s-1", "viewer", NOW);
		assertThat(this.tokens.verify(token, NOW.plus(SessionTokens.LIFETIME).plusSeconds(1))).isNull();
		assertThat(this.tokens.verify(token.replace("s1.", "s1.x"), NOW)).isNull();
		assertThat(tokens("x".repeat(32)).verify(token, NOW)).isNull();
		assertThat(this.tokens.verify("garbage", NOW)).isNull();
		assertThat(this.tokens.verify(null, NOW)).isNull();
	}

	private static SessionTokens tokens(String key) {
		return new SessionTokens(GatewaySettings.with(Map.of("onair.gateway.session-token-key", key)));
	}

}
