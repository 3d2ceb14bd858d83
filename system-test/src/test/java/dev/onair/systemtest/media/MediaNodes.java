package dev.onair.systemtest.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.onair.testsupport.LocalStack;
import org.awaitility.Awaitility;

/**
 * The Janus nodes of the running stack: as media-service's placement sees them in Redis
 * (database 0), viewers per node and per-node capacity overrides
 * ({@code media:node-viewers}, {@code media:node-capacity}), through {@code redis-cli},
 * which the Redis package installs; and their Janus processes, killed and started again.
 */
final class MediaNodes {

	private static final Pattern NODE = Pattern.compile("\"node\":\"([^\"]+)\"");

	private MediaNodes() {
	}

	/** Node ids (Janus API addresses) of media hosts 1…{@code count}. */
	static List<String> ids(int count) {
		List<String> ids = new ArrayList<>();
		for (int host = 1; host <= count; host++) {
			ids.add(LocalStack.get().janusWebSocketUrl(host).toString());
		}
		return ids;
	}

	static long viewers(String node) {
		String value = redis("HGET", "media:node-viewers", node);
		return value.isBlank() ? 0 : Math.max(0, Long.parseLong(value));
	}

	/**
	 * media-service's record of each viewer of the room (JSON: node, handle, the
	 * subscription it is being moved off, …), from {@code media:viewers:<room>}.
	 */
	static List<String> viewerRecords(String room) {
		String values = redis("HVALS", "media:viewers:" + room);
		return values.isBlank() ? List.of() : values.lines().toList();
	}

	/**
	 * The media host (1, 2, …) media-service subscribed the session's viewer on, 0 when
	 * it has no subscription in the room. From media-service's state rather than the
	 * browser's: Chromium hides a peer-reflexive remote candidate's address.
	 */
	static int viewerHost(String room, String session) {
		return hostOfRecord(redis("HGET", "media:viewers:" + room, session));
	}

	/** The media host of the room's origin (its publisher), 0 when there is none. */
	static int originHost(String room) {
		return hostOfRecord(redis("GET", "media:room:" + room));
	}

	private static int hostOfRecord(String json) {
		Matcher node = NODE.matcher(json);
		return node.find() ? hostOf(URI.create(node.group(1)).getHost()) : 0;
	}

	/** Overrides the node's capacity for placement. */
	static void capacity(String node, long capacity) {
		redis("HSET", "media:node-capacity", node, Long.toString(capacity));
	}

	/** Back to the configured capacity. */
	static void defaultCapacity(String node) {
		redis("HDEL", "media:node-capacity", node);
	}

	/**
	 * kill -9 of media host {@code host}'s Janus: what a crashed process or host looks
	 * like to media-service (every session and handle on it gone at once).
	 */
	static void killJanus(int host) {
		long pid;
		try {
			pid = Long.parseLong(
					Files.readString(LocalStack.get().home().resolve(".onair/pids/janus-m" + host + ".pid")).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ProcessHandle janus = ProcessHandle.of(pid)
			.orElseThrow(() -> new AssertionError("janus-m" + host + " (pid " + pid + ") is not running"));
		janus.destroyForcibly();
		janus.onExit().orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * {@code ./onair restart janus-m<host>}: the node's Janus started again as
	 * {@code ./onair up} starts it, and waited for until media-service uses it again.
	 */
	static void restartJanus(int host) {
		try {
			Process process = new ProcessBuilder(LocalStack.get().home().resolve("onair").toString(), "restart",
					"janus-m" + host)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new AssertionError("./onair restart janus-m" + host + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		String node = LocalStack.get().janusWebSocketUrl(host).toString();
		Awaitility.await("media-service hears from " + node + " again")
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> up(node));
	}

	/** Whether media-service counts the node as up (its {@code janus.node.up} gauge). */
	static boolean up(String node) {
		HttpResponse<String> metrics;
		try {
			metrics = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8085/actuator/prometheus"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return metrics.body()
			.lines()
			.anyMatch((line) -> line.startsWith("onair_media_janus_node_up{") && line.contains("node=\"" + node + "\"")
					&& line.endsWith(" 1.0"));
	}

	/** The media host (1, 2, …) with this private address, e.g. {@code 10.203.2.2}. */
	static int hostOf(String address) {
		LocalStack stack = LocalStack.get();
		for (int host = 1; host <= stack.mediaHosts(); host++) {
			if (stack.mediaHostAddress(host).equals(address)) {
				return host;
			}
		}
		throw new AssertionError(address + " is no media host's address");
	}

	private static String redis(String... command) {
		LocalStack stack = LocalStack.get();
		List<String> line = new ArrayList<>(List.of("redis-cli", "-h", stack.redisHost(), "-p",
				Integer.toString(stack.redisPort()), "-n", "0", "--raw"));
		line.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("redis-cli " + String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new AssertionError("redis-cli did not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
