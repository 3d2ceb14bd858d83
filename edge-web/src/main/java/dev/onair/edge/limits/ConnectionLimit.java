package dev.onair.edge.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * At most {@code connectionsPerAddress} open {@code /ws} connections per client address
 * on this instance (each holds two sockets here, one to the browser and one to a
 * gateway). An upgrade from an address at its limit is refused with HTTP 429 before it
 * happens; upgrades racing past that check are counted when the connection starts
 * ({@link #counted}) and closed with 1008 if over.
 */
@Component
class ConnectionLimit implements WebFilter {

	private static final String PATH = "/ws";

	/** Connections free up as others close; a client should not hammer meanwhile. */
	private static final String RETRY_AFTER_SECONDS = "10";

	private final Clients clients;

	private final int perAddress;

	/** Open connections per counted address; an address with none has no entry. */
	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	ConnectionLimit(Clients clients, LimitProperties properties) {
		this.clients = clients;
		this.perAddress = properties.connectionsPerAddress();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!PATH.equals(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		String address = this.clients.countedAddress(exchange.getRequest().getRemoteAddress());
		if (address != null && this.open.getOrDefault(address, 0) >= this.perAddress) {
			exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			return exchange.getResponse().setComplete();
		}
		return chain.filter(exchange);
	}

	/** {@code handler}, with its connection counted while it is open. */
	WebSocketHandler counted(WebSocketHandler handler) {
		return (connection) -> {
			String address = this.clients.countedAddress(connection.getHandshakeInfo().getRemoteAddress());
			if (address == null) {
				return handler.handle(connection);
			}
			if (this.open.merge(address, 1, Integer::sum) > this.perAddress) {
				closed(address);
				return connection
					.close(CloseStatus.POLICY_VIOLATION.withReason("Too many connections from this address"));
			}
			return handler.handle(connection).doFinally((signal) -> closed(address));
		};
	}

	private void closed(String address) {
		this.open.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
	}

}
