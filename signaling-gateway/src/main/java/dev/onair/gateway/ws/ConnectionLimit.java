package dev.onair.gateway.ws;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.contract.ClientAddresses;
import dev.onair.contract.ClientAddresses.Cidr;
import dev.onair.gateway.system.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * At most {@code connectionsPerAddress} open {@code /ws} connections per client address
 * on this instance, so one address cannot hold an instance's sockets and session memory.
 * An upgrade from an address at its limit is refused with HTTP 429 before it happens;
 * upgrades racing past that check are counted when the connection starts and closed with
 * 1008 if over. The client is the one our proxies name ({@link ClientAddresses}).
 */
@Component
class ConnectionLimit implements WebFilter {

	/** Connections free up as others close; a client should not hammer meanwhile. */
	private static final String RETRY_AFTER_SECONDS = "10";

	private final ClientAddresses addresses;

	private final List<Cidr> unlimited;

	private final int perAddress;

	/** Open connections per counted address; an address with none has no entry. */
	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	private final Counter refused;

	ConnectionLimit(GatewayProperties properties, MeterRegistry meters) {
		this.addresses = new ClientAddresses(properties.proxies());
		this.unlimited = properties.limits().unlimitedNetworks().stream().map(Cidr::parse).toList();
		this.perAddress = properties.limits().connectionsPerAddress();
		this.refused = Counter.builder("onair.gateway.connections.refused")
			.description("WebSocket connections refused because their address holds too many")
			.tag("reason", "address-limit")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!WebSocketRoutes.PATH.equals(request.getPath().value())) {
			return chain.filter(exchange);
		}
		String address = countedAddress(request.getRemoteAddress(), request.getHeaders());
		if (address != null && this.open.getOrDefault(address, 0) >= this.perAddress) {
			this.refused.increment();
			exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			return exchange.getResponse().setComplete();
		}
		return chain.filter(exchange);
	}

	/**
	 * The address an upgraded connection counts against; {@code null} when it is not
	 * counted (unknown peer, unlimited network).
	 */
	String countedAddress(HandshakeInfo handshake) {
		return countedAddress(handshake.getRemoteAddress(), handshake.getHeaders());
	}

	/**
	 * Counts one more connection of {@code address} until {@link #closed}, unless the
	 * address already holds the limit.
	 */
	boolean tryOpen(String address) {
		if (this.open.merge(address, 1, Integer::sum) > this.perAddress) {
			closed(address);
			this.refused.increment();
			return false;
		}
		return true;
	}

	void closed(String address) {
		this.open.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
	}

	private String countedAddress(InetSocketAddress peer, HttpHeaders headers) {
		InetAddress client = this.addresses.client(peer, headers.getValuesAsList("X-Forwarded-For"));
		if (client == null || this.unlimited.stream().anyMatch((cidr) -> cidr.contains(client))) {
			return null;
		}
		return ClientAddresses.key(client);
	}

}
