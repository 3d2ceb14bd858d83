package dev.onair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft Kafka broker of one test's own, for tests that must stop and
 * restart Kafka (the shared broker of {@code ./onair infra} serves everyone and must stay
 * up). It runs as a child process from the jars {@code ./onair infra} cached in
 * {@code .onair/cache/kafka-libs}, with the settings of
 * {@code infra/kafka/server.properties}, on free loopback ports and a temporary data
 * directory.
 * <p>
 * {@link #stop()} sends SIGTERM and waits, like an orderly broker shutdown;
 * {@link #start()} brings it back on the same ports and data, so clients reconnect to the
 * same address and find their topics and committed offsets again. {@link #close()} stops
 * it and deletes the data. Broker output goes to {@code broker.log} in the data
 * directory.
 *
 * <pre>{@code
 * try (PrivateKafkaBroker kafka = PrivateKafkaBroker.launch()) {
 *     // point the service at kafka.bootstrapServers()
 *     kafka.stop();
 *     // ... the service keeps working without Kafka ...
 *     kafka.start();
 * }
 * }</pre>
 */
public final class PrivateKafkaBroker implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final Path dir;

	private final int port;

	private final Path libs;

	private Process process;

	private PrivateKafkaBroker(Path dir, int port, Path libs) {
		this.dir = dir;
		this.port = port;
		this.libs = libs;
	}

	/** Formats a fresh data directory and starts the broker; returns once it accepts. */
	public static PrivateKafkaBroker launch() {
		LocalStack stack = LocalStack.get();
		Path libs = stack.home().resolve(".onair/cache/kafka-libs");
		if (!Files.isRegularFile(libs.resolve(".complete"))) {
			throw new IllegalStateException("Kafka jars not found in " + libs + "; run `./onair infra` once");
		}
		try {
			Path dir = Files.createTempDirectory("onair-kafka-");
			int port = freePort();
			int controllerPort = freePort();
			String settings = Files.readString(stack.home().resolve("infra/kafka/server.properties"))
				.replace("@DATA@", dir.resolve("data").toString())
				.replace("@PORT@", Integer.toString(port))
				.replace("@CONTROLLER_PORT@", Integer.toString(controllerPort));
			Files.writeString(dir.resolve("server.properties"), settings);
			PrivateKafkaBroker broker = new PrivateKafkaBroker(dir, port, libs);
			broker.format();
			broker.start();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code 127.0.0.1:<port>}; the same across {@link #stop()} and {@link #start()}. */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/** Starts the broker process (again) and waits until its port accepts connections. */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		this.process = java(List.of("-Xms128m", "-Xmx256m", "-XX:+UseSerialGC",
				"-Dlog4j2.configurationFile=" + LocalStack.get().home().resolve("infra/kafka/log4j2.properties"),
				"kafka.Kafka", this.dir.resolve("server.properties").toString()));
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!accepting()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("Private Kafka broker did not start; see " + log());
			}
			pause();
		}
	}

	/** SIGTERM, then waits for the broker to exit (killed if it takes over 30 s). */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> paths = Files.walk(this.dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover folder in the temp directory is harmless.
		}
	}

	private void format() {
		Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
				this.dir.resolve("server.properties").toString()));
		try {
			if (format.waitFor() != 0) {
				throw new IllegalStateException("Formatting the private Kafka broker failed; see " + log());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Process java(List<String> arguments) {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = Stream
			.concat(Stream.of(java, "-cp", this.libs.resolve("*").toString()), arguments.stream())
			.toList();
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path log() {
		return this.dir.resolve("broker.log");
	}

	private boolean accepting() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What {@code StorageTool random-uuid} prints: 16 random bytes, base64url; Kafka
	 * refuses ids starting with '-' on its command line.
	 */
	private static String clusterId() {
		byte[] bytes = new byte[16];
		String id;
		do {
			new SecureRandom().nextBytes(bytes);
			id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (id.startsWith("-"));
		return id;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
