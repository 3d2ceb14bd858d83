package dev.onair.broadcast.creation;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressTests {

	private final ClientAddress addresses = new ClientAddress(List.of("10.244.0.0/16", "127.0.0.0/8"));

	@Test
	void aDirectClientIsItsPeerWhateverItForwards() {
		assertThat(this.addresses.of(from("198.51.100.4", "203.0.113.1"))).isEqualTo("198.51.100.4");
	}

	@Test
	void behindOurProxiesTheFirstAddressFromTheRightThatIsNotOursIsTheClient() {
		assertThat(this.addresses.of(from("10.244.1.7", "203.0.113.1, 198.51.100.4, 10.244.3.9")))
			.isEqualTo("198.51.100.4");
		assertThat(this.addresses.of(from("127.0.0.1", null))).isEqualTo("127.0.0.1");
	}

	@Test
	void somethingThatIsNoAddressStopsTheWalkAtTheNearestProxyWithoutAskingDns() {
		assertThat(this.addresses.of(from("10.244.1.7", "evil.example.com"))).isEqualTo("10.244.1.7");
		assertThat(this.addresses.of(from("10.244.1.7", "999.1.1.1, 10.244.0.2"))).isEqualTo("10.244.0.2");
	}

	@Test
	void ipv6ClientsAreKeyedByTheirSlash64() {
		assertThat(this.addresses.of(from("127.0.0.1", "2001:db8:1:2::1")))
			.isEqualTo(this.addresses.of(from("127.0.0.1", "[2001:db8:1:2:abcd::9]")))
			.isEqualTo("2001:db8:1:2::/64");
	}

	@Test
	void proxiesMustBeCidrBlocks() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("edge-web")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")));
	}

	private static MockServerHttpRequest from(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/broadcasts")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return request.build();
	}

}
