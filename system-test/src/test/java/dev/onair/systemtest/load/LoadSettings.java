package dev.onair.systemtest.load;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The load tool's parameters: {@code -Dload.*} system properties, with the defaults of
 * issue 12 given by each benchmark ({@code docs/benchmarks.md} lists them all).
 */
final class LoadSettings {

	private LoadSettings() {
	}

	static int integer(String name, int fallback) {
		double value = decimal(name, fallback);
		if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("-D" + name + " must be a whole number, not " + value);
		}
		return (int) value;
	}

	/** A number (a typo fails the run rather than silently using the default). */
	static double decimal(String name, double fallback) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("-D" + name + " must be a number, not '" + value + "'", ex);
		}
	}

	static Duration seconds(String name, int fallback) {
		return Duration.ofSeconds(integer(name, fallback));
	}

	/** How long a session may take to join, after the last start of its wave. */
	static Duration joinTimeout() {
		return seconds("load.joinTimeout", 30);
	}

	/** The bound of every wait for the stack to settle: counts, deliveries, closes. */
	static Duration settle() {
		return seconds("load.settle", 30);
	}

	/** The {@code Origin} every session sends; it must be in the gateways' allow-list. */
	static String origin() {
		return System.getProperty("load.origin", "http://127.0.0.1:8080");
	}

	/**
	 * The gateway instances ({@code -Dload.gateways=name:port,…}); the name is the
	 * stack's PID file ({@code .onair/pids/<name>.pid}), for heap probes.
	 */
	static List<Gateway> gateways() {
		return Arrays
			.stream(System.getProperty("load.gateways", "signaling-gateway:8082,signaling-gateway-2:8092").split(","))
			.map(String::strip)
			.map((entry) -> {
				int colon = entry.lastIndexOf(':');
				return new Gateway(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1)));
			})
			.toList();
	}

	/**
	 * Where sessions connect, round-robin: the gateways directly ({@code gateways}, as
	 * the Kubernetes Ingress routes {@code /ws}) or edge-web ({@code edge}), by
	 * {@code -Dload.via}.
	 */
	static List<URI> targets(String defaultVia) {
		String via = System.getProperty("load.via", defaultVia);
		return switch (via) {
			case "gateways" -> gateways().stream().map(Gateway::ws).toList();
			case "edge" -> List.of(URI.create(System.getProperty("load.edge", "ws://127.0.0.1:8080/ws")));
			default -> throw new IllegalArgumentException("load.via must be gateways or edge, not " + via);
		};
	}

	/** broadcast-service, where each run creates the broadcast whose room it fills. */
	static URI broadcasts() {
		return URI.create(System.getProperty("load.broadcasts", "http://127.0.0.1:8081"));
	}

	/** presence-service, whose {@code /api/rooms/{id}/viewers} reads the exact count. */
	static URI presence() {
		return URI.create(System.getProperty("load.presence", "http://127.0.0.1:8083"));
	}

	/** One gateway instance of the running stack. */
	record Gateway(String name, int port) {

		URI ws() {
			return URI.create("ws://127.0.0.1:" + this.port + "/ws");
		}

		URI prometheus() {
			return URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus");
		}

	}

}
