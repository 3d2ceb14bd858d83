package dev.onair.contract;

import java.time.Instant;
import java.util.List;

import dev.onair.contract.OwnerTokens.OwnerToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OwnerTokensTests {

	private static final String KEY = "k".repeat(32);

	private static final Instant EXPIRY = Instant.parse("2026-12-01T12:00:00Z");

	private final OwnerTokens tokens = new OwnerTokens(List.of(KEY));

	@Test
	void tokenVerifiesForItsOwnBroadcastOnlyWithItsClaims() {
		String token = this.tokens.mint("b-1", 3, EXPIRY);
		assertThat(this.tokens.verify(token, "b-1")).contains(new OwnerToken(this.tokens.currentKeyId(), 3, EXPIRY));
		assertThat(this.tokens.verify(token, "b-2")).isEmpty();
	}

	@Test
	void tokenFromAnotherKeyIsRejected() {
		String foreign = new OwnerTokens(List.of("x".repeat(32))).mint("b-1", 1, EXPIRY);
		assertThat(this.tokens.verify(foreign, "b-1")).isEmpty();
	}

	@Test
	void olderKeysStillVerifyAfterRotationAndDroppingThemRevokesTheirTokens() {
		String old = this.tokens.mint("b-1", 1, EXPIRY);
		OwnerTokens rotated = new OwnerTokens(List.of("n".repeat(32), KEY));
		String fresh = rotated.mint("b-1", 1, EXPIRY);

		assertThat(rotated.verify(old, "b-1")).isPresent();
		assertThat(rotated.verify(fresh, "b-1")).map(OwnerToken::keyId).contains(rotated.currentKeyId());
		assertThat(rotated.currentKeyId()).isNotEqualTo(this.tokens.currentKeyId());
		assertThat(new OwnerTokens(List.of("n".repeat(32))).verify(old, "b-1")).isEmpty();
	}

	@Test
	void editedClaimsBreakTheSignature() {
		String token = this.tokens.mint("b-1", 1, EXPIRY);
		String[] parts = token.split("\\.");
		String laterExpiry = String.join(".", parts[0], parts[1], parts[2], String.valueOf(Long.MAX_VALUE / 2),
				parts[4]);
		String newerGeneration = String.join(".", parts[0], parts[1], "9", parts[3], parts[4]);
		assertThat(this.tokens.verify(laterExpiry, "b-1")).isEmpty();
		assertThat(this.tokens.verify(newerGeneration, "b-1")).isEmpty();
	}

	@Test
	void expiryAndRevocationAreDecidedByTheClaims() {
		OwnerToken token = this.tokens.verify(this.tokens.mint("b-1", 2, EXPIRY), "b-1").orElseThrow();
		assertThat(token.expiredAt(EXPIRY.minusSeconds(1))).isFalse();
		assertThat(token.expiredAt(EXPIRY)).isTrue();
		assertThat(token.revokedBy(1)).as("a re-issue the reader has not seen yet").isFalse();
		assertThat(token.revokedBy(2)).isFalse();
		assertThat(token.revokedBy(3)).isTrue();
	}

	@Test
	void malformedAndVersionOneTokensAreRejectedWithoutErrors() {
		String valid = this.tokens.mint("b-1", 1, EXPIRY);
		assertThat(this.tokens.verify(null, "b-1")).isEmpty();
		assertThat(this.tokens.verify("", "b-1")).isEmpty();
		assertThat(this.tokens.verify("v1.Vx3nAbc", "b-1")).isEmpty();
		assertThat(this.tokens.verify(valid.replace("v2.", "v3."), "b-1")).isEmpty();
		assertThat(this.tokens.verify(valid + "***", "b-1")).isEmpty();
		assertThat(this.tokens.verify(valid.replaceFirst("\\.1\\.", ".x."), "b-1")).isEmpty();
		assertThat(this.tokens.verify(valid + "." + "a".repeat(300), "b-1")).isEmpty();
	}

	@Test
	void theFormTellsOwnerTokensFromOtherBearerTokensWhoeverSignedThem() {
		String foreign = new OwnerTokens(List.of("b".repeat(32))).mint("b-1", 1, EXPIRY);
		assertThat(OwnerTokens.isWellFormed(this.tokens.mint("b-1", 1, EXPIRY))).isTrue();
		assertThat(OwnerTokens.isWellFormed(foreign)).isTrue();
		assertThat(OwnerTokens.isWellFormed(null)).isFalse();
		assertThat(OwnerTokens.isWellFormed("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isFalse();
		assertThat(OwnerTokens.isWellFormed(foreign.replace("v2.", "v1."))).isFalse();
		assertThat(OwnerTokens.isWellFormed(foreign + "." + "a".repeat(300))).isFalse();
	}

	@Test
	void missingAndShortKeysAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OwnerTokens(List.of("short")));
		assertThatIllegalArgumentException().isThrownBy(() -> new OwnerTokens(List.of(KEY, "short")));
		assertThatIllegalArgumentException().isThrownBy(() -> new OwnerTokens(List.of()))
			.withMessageContaining("OWNER_TOKEN_KEY");
	}

}
