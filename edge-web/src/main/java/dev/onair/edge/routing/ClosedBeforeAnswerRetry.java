package dev.onair.edge.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends a proxied request once more when the service's connection closed after the
 * request went out and before any byte of its answer came back. On a pooled keep-alive
 * connection that is the service closing it while the request was on its way (two fuzz
 * runs of 2026-12-03 got one such 500 each in 12,000 requests): the service never read
 * the whole request, and the repeat goes out on another connection. The other cause is an
 * instance dying with the request in hand; repeating it then, against an instance that is
 * alive, is what a client that got a 5xx does anyway, and the one request that is not
 * idempotent, a broadcast's creation, then makes a second READY broadcast nobody goes
 * live in. Once only, and never once an answer has begun, so nothing reaches the client
 * twice. WebSocket upgrades are not repeated: their connection is the session. Not
 * Gateway's Retry filter: it tells failures apart by exception class only, and the same
 * class, with "DURING response", is an answer cut off half-way, which must not be sent
 * twice.
 */
@Component
class ClosedBeforeAnswerRetry implements GlobalFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ClosedBeforeAnswerRetry.class);

	/**
	 * In Reactor Netty's messages when nothing of the answer arrived, the request sent
	 * ("Connection prematurely closed BEFORE response") or still being sent ("Connection
	 * has been closed BEFORE response, while sending request body"); not "DURING
	 * response".
	 */
	private static final String BEFORE_ANSWER = "BEFORE response";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.UPGRADE)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange)
			.retryWhen(Retry.max(1)
				.filter((ex) -> closedBeforeAnswer(ex) && !exchange.getResponse().isCommitted())
				.doBeforeRetry((signal) -> {
					log.warn("{} {}: the service closed the connection before answering; sending it once more",
							exchange.getRequest().getMethod(), exchange.getRequest().getPath());
					ServerWebExchangeUtils.reset(exchange);
				})
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	/**
	 * After {@link WholeRequestBodies}, whose body can be sent again, and before load
	 * balancing, so the repeat may go to another gateway instance.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	private static boolean closedBeforeAnswer(Throwable ex) {
		return ex instanceof PrematureCloseException && ex.getMessage() != null
				&& ex.getMessage().contains(BEFORE_ANSWER);
	}

}
