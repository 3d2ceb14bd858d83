package dev.onair.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Throughput and latency of {@code POST /api/broadcasts} (a transaction with the row and
 * its outbox snapshot, relayed to Kafka meanwhile) and {@code GET /api/broadcasts/{id}},
 * against the service started in this JVM on real PostgreSQL and Kafka. Run with
 * {@code ./onair bench broadcast-service BroadcastApiBenchmark}; tune with
 * {@code -Dbench.concurrency}, {@code -Dbench.creates}, {@code -Dbench.gets}. Prints
 * percentiles; asserts nothing about timings.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BroadcastApiBenchmark {

	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);

	private static final int CREATES = Integer.getInteger("bench.creates", 5000);

	private static final int GETS = Integer.getInteger("bench.gets", 20000);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void ownerTokenKey(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
		// Thousands of creations from loopback: this measures the API, not the limit.
		registry.add("onair.creation-limit.burst", () -> "1000000");
	}

	@Test
	void createAndGet(@LocalServerPort int port) {
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		List<String> ids = new ArrayList<>();
		IntFunction<Mono<?>> create = (i) -> client.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "Benchmark " + i, "description", "load", "tags", List.of("bench", "게임")))
			.retrieve()
			.bodyToMono(JSON_OBJECT)
			.doOnNext((body) -> {
				synchronized (ids) {
					ids.add((String) body.get("id"));
				}
			});
		IntFunction<Mono<?>> get = (i) -> client.get()
			.uri("/api/broadcasts/{id}", ids.get(ThreadLocalRandom.current().nextInt(ids.size())))
			.retrieve()
			.toBodilessEntity();

		run("warm-up create", 500, create);
		run("warm-up get", 2000, get);
		System.out.println(run("create", CREATES, create));
		System.out.println(run("get", GETS, get));
	}

	private static String run(String name, int requests, IntFunction<Mono<?>> request) {
		long[] latencies = new long[requests];
		long start = System.nanoTime();
		Flux.range(0, requests).flatMap((i) -> Mono.defer(() -> {
			long sent = System.nanoTime();
			return request.apply(i).doOnSuccess((ok) -> latencies[i] = System.nanoTime() - sent);
		}), CONCURRENCY).then().block(Duration.ofMinutes(10));
		double seconds = (System.nanoTime() - start) / 1e9;
		Arrays.sort(latencies);
		return String.format(
				"BENCH broadcast-service %s: %d requests, concurrency %d, %.0f req/s, p50 %.1f ms, p90 %.1f ms, "
						+ "p99 %.1f ms, max %.1f ms",
				name, requests, CONCURRENCY, requests / seconds, millis(latencies, 0.50), millis(latencies, 0.90),
				millis(latencies, 0.99), latencies[requests - 1] / 1e6);
	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

}
