package dev.onair.edge.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A token bucket per client address for {@code /api/**}: {@code apiBurst} requests at
 * once, one more every {@code apiRefill}, then {@code 429} problem with
 * {@code Retry-After}. In this instance's memory: edge-web has no Redis, and what the
 * limit is for, one address's share of an instance, is per instance anyway (n instances
 * allow n times the limit). Bucket4j does the token arithmetic, lock-free per bucket.
 */
@Component
class ApiRateLimit implements WebFilter {

	/**
	 * Above this many addresses, those whose buckets are full again are forgotten (at
	 * most once a second): what stays is the addresses active within one refill of a
	 * burst.
	 */
	private static final int FORGET_ABOVE = 100_000;

	private static final String API = "/api/";

	private final Clients clients;

	private final long burst;

	private final Duration refill;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

	ApiRateLimit(Clients clients, LimitProperties properties) {
		this.clients = clients;
		this.burst = properties.apiBurst();
		this.refill = properties.apiRefill();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith(API)) {
			return chain.filter(exchange);
		}
		String address = this.clients.countedAddress(exchange.getRequest().getRemoteAddress());
		if (address == null) {
			return chain.filter(exchange);
		}
		ConsumptionProbe probe = this.buckets.computeIfAbsent(address, (key) -> newBucket())
			.tryConsumeAndReturnRemaining(1);
		forgetFullBuckets();
		if (probe.isConsumed()) {
			return chain.filter(exchange);
		}
		return refuse(exchange.getResponse(), Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
	}

	private Bucket newBucket() {
		return Bucket.builder().addLimit((limit) -> limit.capacity(this.burst).refillGreedy(1, this.refill)).build();
	}

	private void forgetFullBuckets() {
		long now = System.nanoTime();
		long due = this.nextSweep.get();
		if (this.buckets.size() > FORGET_ABOVE && now - due >= 0
				&& this.nextSweep.compareAndSet(due, now + Duration.ofSeconds(1).toNanos())) {
			this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.burst);
		}
	}

	/** The problem document the services answer with, so clients handle one shape. */
	private static Mono<Void> refuse(ServerHttpResponse response, long retryAfterSeconds) {
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		String problem = """
				{"type":"urn:onair:problem:rate-limited","title":"Too many requests","status":429,\
				"detail":"Too many requests from this address; retry in %d s."}""".formatted(retryAfterSeconds);
		DataBuffer body = response.bufferFactory().wrap(problem.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
