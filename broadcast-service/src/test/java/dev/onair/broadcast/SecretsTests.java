package dev.onair.broadcast;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets have no defaults: a deployment that forgets one stops at start-up with the
 * variable's name ("Could not resolve placeholder") instead of running with a password
 * anyone can read in this repository.
 */
class SecretsTests {

	@Test
	void theDatabasePasswordAndTheOwnerTokenKeyComeOnlyFromTheEnvironment() throws IOException {
		String yml;
		try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
			yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(yml).contains("password: ${POSTGRES_PASSWORD}", "keys: ${OWNER_TOKEN_KEY}")
			.doesNotContain("${POSTGRES_PASSWORD:", "${OWNER_TOKEN_KEY:");
	}

}
