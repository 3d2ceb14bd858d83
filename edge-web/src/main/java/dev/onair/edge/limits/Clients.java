package dev.onair.edge.limits;

import java.net.InetSocketAddress;
import java.util.List;

import dev.onair.contract.ClientAddresses;
import dev.onair.contract.ClientAddresses.Cidr;

import org.springframework.stereotype.Component;

/** Which limit bucket a client's requests and connections count against, if any. */
@Component
class Clients {

	private final List<Cidr> unlimited;

	Clients(LimitProperties properties) {
		this.unlimited = properties.unlimitedNetworks().stream().map(Cidr::parse).toList();
	}

	/**
	 * The key of the client at {@code remote} (IPv4 address, IPv6 /64); {@code null} when
	 * it is not counted (unknown, or in an unlimited network).
	 */
	String countedAddress(InetSocketAddress remote) {
		if (remote == null || remote.getAddress() == null
				|| this.unlimited.stream().anyMatch((cidr) -> cidr.contains(remote.getAddress()))) {
			return null;
		}
		return ClientAddresses.key(remote.getAddress());
	}

}
