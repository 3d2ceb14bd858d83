package dev.onair.systemtest.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.onair.testsupport.LocalStack;

/**
 * The Janus nodes of the running stack as media-service's placement sees them in Redis
 * (database 0): viewers per node and per-node capacity overrides
 * ({@code media:node-viewers}, {@code media:node-capacity}). Through {@code redis-cli},
 * which the Redis package installs.
 */
final class MediaNodes {

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

	/** Overrides the node's capacity for placement. */
	static void capacity(String node, long capacity) {
		redis("HSET", "media:node-capacity", node, Long.toString(capacity));
	}

	/** Back to the configured capacity. */
	static void defaultCapacity(String node) {
		redis("HDEL", "media:node-capacity", node);
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
