package dev.onair.systemtest.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.onair.systemtest.load.LoadSettings.Gateway;
import dev.onair.testsupport.LocalStack;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the running stack says about itself, read from the benchmark thread: the exact
 * count of a room (presence-service's HTTP API, straight from Redis), the gateways' heap
 * after a full GC ({@code jcmd GC.run} on the PIDs {@code ./onair} recorded, then the
 * heap gauges on {@code /actuator/prometheus}), and Redis's key count.
 */
final class StackProbe {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Often enough to see convergence, rarely enough not to load presence-service. */
	private static final Duration PRESENCE_POLL = Duration.ofMillis(100);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.proxy(HttpClient.Builder.NO_PROXY)
		.connectTimeout(TIMEOUT)
		.build();

	private StackProbe() {
	}

	/**
	 * Creates a broadcast (a room the gateways let viewers into) and returns its id.
	 */
	static String createBroadcast(String title) {
		try {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(LoadSettings.broadcasts().resolve("/api/broadcasts"))
					.timeout(TIMEOUT)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("title", title))))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"Creating a broadcast answered " + response.statusCode() + ": " + response.body());
			}
			return JSON.readTree(response.body()).path("id").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a broadcast at " + LoadSettings.broadcasts(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating a broadcast", ex);
		}
	}

	/**
	 * presence-service's exact viewer count of {@code room}, or -1 if it did not answer.
	 */
	static long viewers(String room) {
		try {
			String body = get(LoadSettings.presence().resolve("/api/rooms/" + room + "/viewers"));
			return JSON.readTree(body).path("viewers").asLong(-1);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Polls presence-service until it counts exactly {@code expected} in {@code room}, at
	 * most {@code settle}, and reports the outcome.
	 */
	static void reportExactCount(String scenario, String room, int expected, Duration settle) {
		long started = System.nanoTime();
		long[] counted = { -1 };
		boolean exact = Timing.await(settle, PRESENCE_POLL, () -> (counted[0] = viewers(room)) == expected);
		Crowd.report(scenario,
				exact ? "presence-service counts exactly " + expected + " (checked every " + PRESENCE_POLL.toMillis()
						+ " ms, matched after " + Timing.millis(System.nanoTime() - started) + ")"
						: "presence-service counts " + counted[0] + ", expected " + expected + " (still after "
								+ settle.toSeconds() + " s)");
	}

	/** Every gateway's heap after a forced full GC, and Redis's key count, now. */
	static Snapshot snapshot() {
		Map<String, Long> heaps = new LinkedHashMap<>();
		LoadSettings.gateways().forEach((gateway) -> heaps.put(gateway.name(), heapAfterGc(gateway)));
		return new Snapshot(heaps, redisKeys());
	}

	/** Keys in Redis database 0 ({@code DBSIZE}), or -1 if Redis did not answer. */
	static long redisKeys() {
		LocalStack stack = LocalStack.get();
		try (Socket redis = new Socket()) {
			redis.connect(new InetSocketAddress(stack.redisHost(), stack.redisPort()), (int) TIMEOUT.toMillis());
			redis.setSoTimeout((int) TIMEOUT.toMillis());
			redis.getOutputStream().write("SELECT 0\r\nDBSIZE\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = redis.getInputStream();
			String selected = line(in);
			String size = line(in);
			return (selected.equals("+OK") && size.startsWith(":")) ? Long.parseLong(size.substring(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Heap bytes after GC per gateway name, Redis keys; -1 where a probe failed. */
	record Snapshot(Map<String, Long> heaps, long redisKeys) {

		String describe() {
			return "gateway heap after GC " + this.heaps.entrySet()
				.stream()
				.map((heap) -> heap.getKey() + " " + megabytes(heap.getValue()))
				.collect(Collectors.joining(", ")) + "; Redis keys " + this.redisKeys;
		}

		/** Relative change of every figure since {@code start}, e.g. {@code +3.1 %}. */
		String changeSince(Snapshot start) {
			return "gateway heap "
					+ this.heaps.entrySet()
						.stream()
						.map((heap) -> heap.getKey() + " "
								+ change(start.heaps().getOrDefault(heap.getKey(), -1L), heap.getValue()))
						.collect(Collectors.joining(", "))
					+ "; Redis keys " + change(start.redisKeys(), this.redisKeys);
		}

		private static String megabytes(long bytes) {
			return (bytes < 0) ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
		}

		private static String change(long before, long after) {
			if (before <= 0 || after < 0) {
				return "n/a";
			}
			return String.format(Locale.ROOT, "%+.1f %%", 100.0 * (after - before) / before);
		}

	}

	private static long heapAfterGc(Gateway gateway) {
		Path pidFile = LocalStack.get().home().resolve(".onair/pids/" + gateway.name() + ".pid");
		try {
			String pid = Files.readString(pidFile).strip();
			Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid,
					"GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!gc.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || gc.exitValue() != 0) {
				gc.destroyForcibly();
				throw new IOException("jcmd " + pid + " GC.run failed");
			}
			return (long) get(gateway.prometheus()).lines()
				.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
		catch (IOException ex) {
			System.out.printf("BENCH load probe: no heap figure for %s (%s)%n", gateway.name(), ex);
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String get(URI uri) throws IOException {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException(uri + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("Redis closed the connection");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
