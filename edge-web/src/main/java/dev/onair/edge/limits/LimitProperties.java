package dev.onair.edge.limits;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-address limits of one edge-web instance ({@code onair.edge.limits.*}). The client
 * is the request's remote address: the connecting peer, or behind the Ingress controller
 * the client it names ({@code TRUSTED_PROXIES} +
 * {@code SERVER_FORWARD_HEADERS_STRATEGY}). IPv6 clients count by /64.
 *
 * @param connectionsPerAddress open {@code /ws} connections one address may hold
 * @param apiBurst {@code /api} requests one address may make at once
 * @param apiRefill one more {@code /api} request is allowed every this long
 * @param unlimitedNetworks CIDR blocks of clients no limit counts: loopback by default,
 * where the load benchmarks connect from
 */
@ConfigurationProperties("onair.edge.limits")
record LimitProperties(int connectionsPerAddress, int apiBurst, Duration apiRefill, List<String> unlimitedNetworks) {

	LimitProperties {
		unlimitedNetworks = (unlimitedNetworks != null) ? List.copyOf(unlimitedNetworks) : List.of();
	}

}
