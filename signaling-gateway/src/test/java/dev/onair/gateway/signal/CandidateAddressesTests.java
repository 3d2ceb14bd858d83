package dev.onair.gateway.signal;

import java.util.List;
import java.util.Map;

import dev.onair.gateway.GatewaySettings;
import dev.onair.gateway.session.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CandidateAddressesTests {

	private final CandidateAddresses candidates = new CandidateAddresses(
			GatewaySettings.with(Map.of("onair.gateway.ice.denied-networks", "10.96.0.0/12,fd00::/8")));

	@Test
	void acceptsClientAddressesMdnsNamesAndTheEndOfCandidates() {
		assertThatNoException().isThrownBy(() -> {
			this.candidates.checkCandidate("candidate:1 1 udp 2122260223 10.203.10.2 50000 typ host");
			this.candidates
				.checkCandidate("candidate:2 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr 0.0.0.0 rport 0");
			this.candidates.checkCandidate("candidate:3 1 udp 2122260223 2001:db8::1 50000 typ host");
			this.candidates.checkCandidate("candidate:4 1 udp 2122260223 4f6b2a3c-1d2e.local 50000 typ host");
			this.candidates.checkCandidate("");
		});
	}

	@Test
	void refusesAddressesInsideTheDeployment() {
		for (String address : List.of("127.0.0.1", "::1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "fe80::1",
				"10.100.0.5", "fd12::7")) {
			assertThatExceptionOfType(Refusal.class)
				.isThrownBy(() -> this.candidates.checkCandidate("candidate:1 1 udp 1 " + address + " 9 typ host"))
				.satisfies((refusal) -> assertThat(refusal.code()).as(address).isEqualTo("ice.address-denied"));
		}
	}

	@Test
	void neverResolvesNamesAndRefusesMalformedCandidates() {
		for (String line : List.of("candidate:1 1 udp 1 redis.internal 6379 typ host", "hello", "candidate:1 1 udp",
				"candidate:" + "x".repeat(600))) {
			assertThatExceptionOfType(Refusal.class).isThrownBy(() -> this.candidates.checkCandidate(line))
				.satisfies((refusal) -> assertThat(refusal.code()).isEqualTo("field.invalid"));
		}
	}

	@Test
	void checksTheCandidatesInsideAnSdpAndItsSize() {
		String sdp = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\na=candidate:1 1 udp 1 169.254.169.254 80 typ host\r\n";
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> this.candidates.checkSdp(sdp))
			.satisfies((refusal) -> assertThat(refusal.code()).isEqualTo("ice.address-denied"));
		assertThatExceptionOfType(Refusal.class)
			.isThrownBy(() -> this.candidates.checkSdp("v=0\r\n" + "a=x\r\n".repeat(10_000)));
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> this.candidates.checkSdp("hello"));
		assertThatNoException()
			.isThrownBy(() -> this.candidates.checkSdp("v=0\r\na=candidate:1 1 udp 1 10.203.10.2 5000 typ host\r\n"));
	}

}
