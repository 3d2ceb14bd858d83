package dev.onair.gateway.whip;

import java.time.Instant;
import java.util.List;

import dev.onair.contract.OwnerTokens;
import dev.onair.contract.ws.IceServer;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.system.GatewayProperties;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The statuses and problems a WHIP client gets for its bearer token and room. */
class OwnerCheckTests {

	private static final String KEY = "k".repeat(32);

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private final OwnerCheck check = new OwnerCheck(new GatewayProperties("gw-test", List.of(), "s".repeat(32),
			List.of(KEY), null, null, null, null, null, null, null, null, null, null, null, null));

	private final OwnerTokens tokens = new OwnerTokens(List.of(KEY));

	@Test
	void acceptsTheBroadcastsToken() {
		String token = this.tokens.mint("room-1", 1, NOW.plusSeconds(60));
		assertThat(this.check.require("Bearer " + token, "room-1", NOW).generation()).isEqualTo(1);
	}

	@Test
	void missingTokenIs401WithAChallenge() {
		ErrorResponseException ex = refused(null, "room-1");
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
		assertThat(refused("Basic abc", "room-1").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void somethingThatIsNoOwnerTokenIs401() {
		ErrorResponseException ex = refused("Bearer not-a-token", "room-1");
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ex.getBody().getType().toString()).isEqualTo("urn:onair:problem:owner-token-invalid");
	}

	@Test
	void anotherBroadcastsTokenIs403() {
		String token = this.tokens.mint("room-2", 1, NOW.plusSeconds(60));
		assertThat(refused("Bearer " + token, "room-1").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void anExpiredTokenIs401InvalidToken() {
		String token = this.tokens.mint("room-1", 1, NOW.minusSeconds(1));
		ErrorResponseException ex = refused("Bearer " + token, "room-1");
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
	}

	@Test
	void roomRefusalsBecomeWhipStatuses() {
		assertThat(WhipProblem.of(new Refusal("room.not-found", "none")).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(WhipProblem.of(new Refusal("room.ended", "ended")).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(WhipProblem.of(new Refusal("room.owner-token-revoked", "old")).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(WhipProblem.of(new Refusal("ice.address-denied", "loopback")).getStatusCode())
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		WhipProblem unavailable = WhipProblem.of(new Refusal("unavailable", "later"));
		assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(unavailable.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void aTurnServerIsOneLinkHeader() {
		assertThat(WhipController.link("turn:10.203.1.2:3478?transport=udp",
				new IceServer(List.of("turn:10.203.1.2:3478?transport=udp"), "1764072600:w-1", "c3Vw")))
			.isEqualTo("<turn:10.203.1.2:3478?transport=udp>; rel=\"ice-server\"; username=\"1764072600:w-1\"; "
					+ "credential=\"c3Vw\"; credential-type=\"password\"");
	}

	private ErrorResponseException refused(String authorization, String room) {
		return catchThrowableOfType(ErrorResponseException.class, () -> this.check.require(authorization, room, NOW));
	}

}
