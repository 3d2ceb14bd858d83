package dev.onair.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OwnerTokensTests {

	private final OwnerTokens tokens = new OwnerTokens("k".repeat(32));

	@Test
	void tokenVerifiesForItsOwnBroadcastOnly() {
		String token = this.tokens.mint("b-1");
		assertThat(this.tokens.verify(token, "b-1")).isTrue();
		assertThat(this.tokens.verify(token, "b-2")).isFalse();
	}

	@Test
	void tokenFromAnotherKeyIsRejected() {
		String foreign = new OwnerTokens("x".repeat(32)).mint("b-1");
		assertThat(this.tokens.verify(foreign, "b-1")).isFalse();
	}

	@Test
	void malformedTokensAreRejectedWithoutErrors() {
		assertThat(this.tokens.verify(null, "b-1")).isFalse();
		assertThat(this.tokens.verify("", "b-1")).isFalse();
		assertThat(this.tokens.verify("v1.***", "b-1")).isFalse();
		assertThat(this.tokens.verify("v2.abc", "b-1")).isFalse();
	}

	@Test
	void shortKeysAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OwnerTokens("short"));
	}

}
