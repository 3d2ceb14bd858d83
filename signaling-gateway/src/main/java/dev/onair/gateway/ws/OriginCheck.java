package dev.onair.gateway.ws;

import java.util.Set;

import dev.onair.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses {@code /ws} upgrades whose {@code Origin} is missing or not allowed, so a page
 * on another site cannot use a visitor's browser to talk to the gateway.
 */
@Component
class OriginCheck implements WebFilter {

	private final Set<String> allowed;

	OriginCheck(GatewayProperties properties) {
		this.allowed = Set.copyOf(properties.allowedOrigins());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!WebSocketRoutes.PATH.equals(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
		if (origin == null || !this.allowed.contains(origin)) {
			exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
			return exchange.getResponse().setComplete();
		}
		return chain.filter(exchange);
	}

}
