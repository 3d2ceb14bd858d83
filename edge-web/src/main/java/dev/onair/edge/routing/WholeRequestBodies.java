package dev.onair.edge.routing;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Receives a request's whole body before the request goes on to its service. Passed on as
 * it arrives, the headers reached the service first; a service that answered from them
 * alone (a 403 for a missing owner token) closed the connection, since it had not read
 * the body, while edge-web was still sending it, and Spring Cloud Gateway turned the lost
 * answer into a 500 (the fuzz run of 2026-12-03). Bodies are small here (JSON, SDP, a
 * thumbnail); one above {@link #MAX_BYTES} is refused with 413, as the services would.
 */
@Component
class WholeRequestBodies implements GlobalFilter, Ordered {

	/** broadcast-service's limit, the largest of the services'. */
	static final int MAX_BYTES = 1024 * 1024;

	private static final EdgeProblem TOO_LARGE = new EdgeProblem(HttpStatus.CONTENT_TOO_LARGE,
			"urn:onair:problem:payload-too-large", "Payload Too Large", "A request body may be at most 1 MiB.");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!hasBody(request.getHeaders())) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), MAX_BYTES)
			.map((body) -> exchange.mutate().request(withBody(request, bytesOf(body))).build())
			.flatMap(chain::filter)
			.onErrorResume(DataBufferLimitException.class, (ex) -> TOO_LARGE.writeTo(exchange.getResponse()));
	}

	/** Before the routing filters, which send the request on. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	private static byte[] bytesOf(DataBuffer body) {
		try {
			byte[] bytes = new byte[body.readableByteCount()];
			body.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(body);
		}
	}

	/**
	 * A new buffer for each subscription: the request may be sent twice
	 * ({@link ClosedBeforeAnswerRetry}), and sending releases the buffer sent.
	 */
	private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
		return new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
			}

		};
	}

}
