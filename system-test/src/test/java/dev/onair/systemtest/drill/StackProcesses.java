package dev.onair.systemtest.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.onair.testsupport.LocalStack;

/**
 * The running stack's processes as {@code ./onair} started them (PID files in
 * {@code .onair/pids}), killed, stopped and started again the way an operator or a
 * crashing host would: SIGKILL, SIGTERM, and the script's own start functions, which
 * start whatever of the stack is not running and wait until it is ready.
 */
final class StackProcesses {

	/** Every service instance, in the script's start order. */
	static final List<String> SERVICES = List.of("broadcast-service", "presence-service", "search-service",
			"media-service", "signaling-gateway", "signaling-gateway-2", "edge-web");

	private StackProcesses() {
	}

	/** SIGKILL: no drain, no goodbye, connections reset by the kernel. */
	static void kill(String component) {
		ProcessHandle process = process(component);
		process.destroyForcibly();
		process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
	}

	/** SIGTERM and wait (a service drains for up to 20 s). */
	static void stop(String component) {
		ProcessHandle process = process(component);
		process.destroy();
		process.onExit().orTimeout(60, TimeUnit.SECONDS).join();
	}

	/**
	 * PostgreSQL's fast shutdown (SIGINT to the postmaster), as {@code pg_ctl restart}
	 * does: SIGTERM is its smart shutdown, which waits for every client to leave, and the
	 * services' connection pools never do.
	 */
	static void stopPostgres() {
		ProcessHandle process = process("postgres");
		String postmaster = read(".onair/pg/data/postmaster.pid").lines().findFirst().orElseThrow();
		run(List.of("kill", "-INT", postmaster.trim()));
		process.onExit().orTimeout(60, TimeUnit.SECONDS).join();
	}

	/**
	 * Keeps a stopped component down this long: the length of the outage is the fault
	 * itself, not a wait for something to happen.
	 */
	static void stayDown(Duration outage) {
		try {
			Thread.sleep(outage);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during the outage", ex);
		}
	}

	/** {@code ./onair services}: starts the services that are not running. */
	static void startServices() {
		onair("services");
	}

	/** {@code ./onair infra}: starts Kafka, PostgreSQL, Redis, … where not running. */
	static void startInfrastructure() {
		onair("infra");
	}

	/** FLUSHDB on the stack's database 0 (integration tests take the others). */
	static void flushRedis() {
		LocalStack stack = LocalStack.get();
		String answer = run(List.of("redis-cli", "-h", stack.redisHost(), "-p", String.valueOf(stack.redisPort()), "-n",
				"0", "FLUSHDB"));
		if (!answer.trim().equals("OK")) {
			throw new IllegalStateException("redis-cli FLUSHDB answered " + answer);
		}
	}

	/** Redis's value at {@code key} in database 0, empty when there is none. */
	static String redisGet(String key) {
		LocalStack stack = LocalStack.get();
		return run(List.of("redis-cli", "-h", stack.redisHost(), "-p", String.valueOf(stack.redisPort()), "-n", "0",
				"--raw", "GET", key))
			.trim();
	}

	private static ProcessHandle process(String component) {
		long pid = Long.parseLong(read(".onair/pids/" + component + ".pid").trim());
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not running"));
	}

	/** A file of the stack's state, e.g. a PID file. */
	private static String read(String path) {
		try {
			return Files.readString(LocalStack.get().home().resolve(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void onair(String command) {
		run(List.of(LocalStack.get().home().resolve("onair").toString(), command));
	}

	/** Runs a command to its end; its output, or an exception with it if it failed. */
	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", command), ex);
		}
	}

}
