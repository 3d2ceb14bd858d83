package dev.onair.search;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;

/**
 * Query latency at 10,000 indexed broadcasts and catch-up time from an empty index, on
 * real Kafka. Prints percentiles; asserts nothing about timings. Run with
 * {@code ./onair bench search-service SearchBenchmark}.
 */
@RealInfrastructure(Needs.KAFKA)
class SearchBenchmark {

	private static final int BROADCASTS = 10_000;

	private static final int REPLICA_STARTS = 3;

	private static final int WARMUP_QUERIES = 1_000;

	private static final int MEASURED_QUERIES = 5_000;

	private static final List<String> QUERIES = List.of("q=", "q=게임", "q=리그오브", "q=mine", "q=pokemon&status=ALL",
			"q=음악 노래", "q=c", "q=chill coffee", "q=요리&status=ENDED", "tag=music", "tag=음악&status=ALL", "q=\"(+*",
			"q=late night&page=2", "q=피아노&size=50", "status=ALL&page=10&size=100");

	@Test
	void measure() throws Exception {
		String prefix = TestNames.uniqueId(SearchBenchmark.class) + ".";
		Catalog catalog = Catalog.withFillers(BROADCASTS - 15, 7);
		long feedStart = System.nanoTime();
		try (KafkaFeed feed = new KafkaFeed(prefix)) {
			catalog.feed(feed);
		}
		System.out.printf("search-service benchmark: fed %d broadcasts (%d with older versions) in %d ms%n",
				catalog.size(), BROADCASTS, millis(System.nanoTime() - feedStart));
		for (int i = 1; i < REPLICA_STARTS; i++) {
			long start = System.nanoTime();
			try (SearchApp app = SearchApp.start(prefix).awaitReady(Duration.ofMinutes(5))) {
				report(i, start, app);
			}
		}
		long start = System.nanoTime();
		try (SearchApp app = SearchApp.start(prefix).awaitReady(Duration.ofMinutes(5))) {
			report(REPLICA_STARTS, start, app);
			queries(app);
		}
	}

	private static void report(int run, long startNanos, SearchApp app) {
		double catchUp = app.context()
			.getBean(MeterRegistry.class)
			.get("search.index.catchup")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS);
		System.out.printf(
				"search-service benchmark: replica start %d: catch-up %.0f ms, process start to ready %d ms%n", run,
				catchUp, millis(System.nanoTime() - startNanos));
	}

	private static void queries(SearchApp app) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		List<URI> uris = QUERIES.stream()
			.map((query) -> URI.create(app.baseUrl() + "/api/search?" + encode(query)))
			.toList();
		for (int i = 0; i < WARMUP_QUERIES; i++) {
			send(client, uris.get(i % uris.size()));
		}
		long[] nanos = new long[MEASURED_QUERIES];
		for (int i = 0; i < MEASURED_QUERIES; i++) {
			long start = System.nanoTime();
			send(client, uris.get(i % uris.size()));
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		System.out.printf(
				"search-service benchmark: %d queries over HTTP at %d broadcasts, one client: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
				MEASURED_QUERIES, BROADCASTS, percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99),
				nanos[nanos.length - 1] / 1e6);
	}

	private static void send(HttpClient client, URI uri) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	/** Encodes the values of {@code a=b&c=d} without touching the separators. */
	private static String encode(String query) {
		return Arrays.stream(query.split("&")).map((pair) -> {
			int eq = pair.indexOf('=');
			return pair.substring(0, eq + 1) + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8);
		}).reduce((a, b) -> a + "&" + b).orElse("");
	}

	private static double percentile(long[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(index, 0)] / 1e6;
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
