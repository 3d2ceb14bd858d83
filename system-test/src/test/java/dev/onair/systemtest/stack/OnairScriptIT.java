package dev.onair.systemtest.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./onair} as an operator uses it, against the stack the system tests run on.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES, Needs.REDIS, Needs.STACK })
class OnairScriptIT {

	@Test
	void secondUpChangesNothingAndSaysSo() throws Exception {
		long started = System.nanoTime();
		Result up = onair(Map.of(), "up");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(up.exitCode()).as(up.output()).isZero();
		assertThat(up.output()).contains("Everything was already running; nothing changed.")
			.contains("http://127.0.0.1:8080");
		assertThat(took).as("a second up only checks; it must be quick").isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void statusShowsEveryComponentUp() throws Exception {
		Result status = onair(Map.of(), "status");
		assertThat(status.exitCode()).isZero();
		for (String component : List.of("kafka", "postgres", "redis", "janus-m1", "coturn", "broadcast-service",
				"signaling-gateway", "signaling-gateway-2", "presence-service", "search-service", "media-service",
				"edge-web")) {
			assertThat(status.output()).containsPattern("(?m)^\\s+" + component + "\\s+UP");
		}
		assertThat(status.output()).contains("Consumer lag per group:");
	}

	@Test
	void upFailsWithOneLineNamingTheComponentWhenItsPortIsTaken(@TempDir Path state) throws Exception {
		// A second, separate state folder: its Kafka finds port 19092 held by the running
		// stack.
		Result up = onair(Map.of("ONAIR_STATE", state.toString()), "up");
		assertThat(up.exitCode()).isEqualTo(1);
		assertThat(up.output()).containsPattern(
				"(?m)^onair: kafka failed: port 127\\.0\\.0\\.1:19092 is already taken by another process \\(log: .*kafka\\.log\\)$");
		try (var pids = Files.list(state.resolve("pids"))) {
			assertThat(pids.toList()).as("nothing is left half-started").isEmpty();
		}
		catch (java.nio.file.NoSuchFileException ex) {
			// No component was started at all, so no PID folder was created.
		}
	}

	private static Result onair(Map<String, String> env, String... args) throws IOException, InterruptedException {
		Path home = LocalStack.get().home();
		ProcessBuilder builder = new ProcessBuilder();
		builder.command().add(home.resolve("onair").toString());
		builder.command().addAll(List.of(args));
		builder.environment().putAll(env);
		builder.redirectErrorStream(true).directory(home.toFile());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
