package dev.onair.edge.routing;

import java.net.ConnectException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A service that refuses connections (restarting, its instances replaced) is the client's
 * to retry in a moment, so its routes answer 503 with {@code Retry-After} and a problem
 * document; Spring Cloud Gateway's own answer is a 500, which reads like a bug and made
 * the drills' search-kill log a 500 a second from the home page's list.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreachableService implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(UnreachableService.class);

	/**
	 * The services start again within seconds (the drills: 20–40 s for a JVM at worst).
	 */
	private static final String RETRY_AFTER_SECONDS = "2";

	private static final EdgeProblem UNAVAILABLE = new EdgeProblem(HttpStatus.SERVICE_UNAVAILABLE,
			"urn:onair:problem:unavailable", "Temporarily unavailable",
			"The service is restarting; retry in a few seconds.");

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (!(NestedExceptionUtils.getMostSpecificCause(ex) instanceof ConnectException) || response.isCommitted()) {
			return Mono.error(ex);
		}
		log.warn("{} {}: the service did not take the connection: {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex.toString());
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return UNAVAILABLE.writeTo(response);
	}

}
