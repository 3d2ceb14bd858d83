package dev.onair.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a {@link RealInfrastructure} test class up front, with one clear message, when a
 * piece it needs is not reachable. Failing (not skipping) is deliberate: a suite that
 * goes green because nothing ran proves nothing. It also installs BlockHound
 * ({@link NonBlockingThreads}) and fails the class afterwards if anything blocked a
 * thread that must not block, even where the library swallowed the error.
 */
final class InfrastructureExtension implements BeforeAllCallback, AfterAllCallback {

	private static final int CONNECT_TIMEOUT_MILLIS = 2000;

	@Override
	public void beforeAll(ExtensionContext context) {
		RealInfrastructure annotation = context.getRequiredTestClass().getAnnotation(RealInfrastructure.class);
		if (annotation == null) {
			return;
		}
		NonBlockingThreads.install();
		NonBlockingThreads.drain();
		List<String> missing = new ArrayList<>();
		for (Needs need : annotation.value()) {
			String problem = check(need);
			if (problem != null) {
				missing.add(problem);
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Infrastructure for " + context.getRequiredTestClass().getSimpleName()
					+ " is missing: " + String.join("; ", missing)
					+ ". Start it with `./onair infra` (or run everything with `./onair test`).");
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> blocked = NonBlockingThreads.drain();
		if (!blocked.isEmpty()) {
			throw new AssertionError(blocked.size() + " blocking call(s) on non-blocking threads during "
					+ context.getRequiredTestClass().getSimpleName() + ":" + System.lineSeparator()
					+ String.join(System.lineSeparator(), blocked));
		}
	}

	private static String check(Needs need) {
		LocalStack stack = LocalStack.get();
		return switch (need) {
			case KAFKA -> reachable("Kafka", stack.kafkaHost(), stack.kafkaPort());
			case POSTGRES -> reachable("PostgreSQL", stack.postgresHost(), stack.postgresPort());
			case REDIS -> reachable("Redis", stack.redisHost(), stack.redisPort());
			case JANUS -> reachable("Janus", stack.mediaHostAddress(1), stack.janusWebSocketPort());
			case TURN -> reachable("coturn", stack.mediaHostAddress(1), stack.turnPort());
			case BROWSER -> Files.isExecutable(stack.chromiumWrapper()) ? null
					: "Chromium wrapper for the client namespace (" + stack.chromiumWrapper() + ")";
			case STACK -> reachable("edge-web", "127.0.0.1", stack.edgeWebPort());
		};
	}

	private static String reachable(String name, String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			return null;
		}
		catch (IOException ex) {
			return name + " at " + host + ":" + port + " (" + ex.getMessage() + ")";
		}
	}

}
