package dev.onair.contract;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTests {

	private final ClientAddresses addresses = new ClientAddresses(List.of("10.244.0.0/16", "127.0.0.0/8"));

	@Test
	void aDirectClientIsItsPeerWhateverItForwards() {
		assertThat(key("198.51.100.4", "203.0.113.1")).isEqualTo("198.51.100.4");
	}

	@Test
	void behindOurProxiesTheFirstAddressFromTheRightThatIsNotOursIsTheClient() {
		assertThat(key("10.244.1.7", "203.0.113.1, 198.51.100.4, 10.244.3.9")).isEqualTo("198.51.100.4");
		assertThat(key("127.0.0.1", null)).isEqualTo("127.0.0.1");
	}

	@Test
	void somethingThatIsNoAddressStopsTheWalkAtTheNearestProxyWithoutAskingDns() {
		assertThat(key("10.244.1.7", "evil.example.com")).isEqualTo("10.244.1.7");
		assertThat(key("10.244.1.7", "999.1.1.1, 10.244.0.2")).isEqualTo("10.244.0.2");
	}

	@Test
	void ipv6ClientsAreKeyedByTheirSlash64() {
		assertThat(key("127.0.0.1", "2001:db8:1:2::1")).isEqualTo(key("127.0.0.1", "[2001:db8:1:2:abcd::9]"))
			.isEqualTo("2001:db8:1:2::/64");
	}

	@Test
	void proxiesMustBeCidrBlocks() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("edge-web")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33")));
	}

	@Test
	void anUnknownPeerIsNoClient() {
		assertThat(this.addresses.client(null, List.of("203.0.113.1"))).isNull();
	}

	private String key(String peer, String forwardedFor) {
		List<String> entries = (forwardedFor != null)
				? Arrays.stream(forwardedFor.split(",")).map(String::trim).toList() : List.of();
		return ClientAddresses.key(this.addresses.client(new InetSocketAddress(peer, 40000), entries));
	}

}
