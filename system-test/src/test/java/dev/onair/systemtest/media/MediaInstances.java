package dev.onair.systemtest.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * The stack's media-service plus a second instance started here from the same jar, in the
 * same consumer group, and which of them owns a room: the member of the
 * {@code media-service} group holding the room's {@code signal.to-media} partition.
 * Instances are told apart by their Kafka client id (media-service's {@code HOSTNAME}).
 */
final class MediaInstances implements AutoCloseable {

	private static final String GROUP = "media-service";

	private static final String TOPIC = Topics.SIGNAL_TO_MEDIA;

	/** The client id of the instance started here; the stack's has any other. */
	static final String SECOND = "media-failover-second";

	private final LocalStack stack = LocalStack.get();

	private final Admin admin;

	private final Process second;

	private MediaInstances(Admin admin, Process second) {
		this.admin = admin;
		this.second = second;
	}

	/** Starts the second instance and waits until both share the topic's partitions. */
	static MediaInstances startSecond() {
		LocalStack stack = LocalStack.get();
		Path jar = stack.home().resolve(".onair/run/media-service.jar");
		Path log = stack.home().resolve("system-test/target/" + SECOND + ".log");
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xms64m",
				"-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(stack.env());
		builder.environment()
			.putAll(Map.of("PORT", Integer.toString(port), "SERVER_ADDRESS", "127.0.0.1", "HOSTNAME", SECOND,
					"LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash"));
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		MediaInstances instances = new MediaInstances(
				Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers())),
				process);
		Awaitility.await("second media-service ready (log: " + log + ")")
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> process.isAlive() && ready(port));
		Awaitility.await("both media-service instances hold partitions of " + TOPIC)
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> instances.members()
				.stream()
				.filter((member) -> !member.assignment().topicPartitions().isEmpty())
				.map((member) -> member.clientId().startsWith(SECOND))
				.distinct()
				.count() == 2);
		return instances;
	}

	/** The client id of the instance owning the room, if its partition is assigned. */
	Optional<String> ownerOf(String room) {
		TopicPartition partition = new TopicPartition(TOPIC, partitionOf(room));
		return members().stream()
			.filter((member) -> member.assignment().topicPartitions().contains(partition))
			.map(MemberDescription::clientId)
			.findFirst();
	}

	/** Kills the instance with this client id at once (SIGKILL: no drain, no goodbye). */
	void kill(String clientId) {
		if (clientId.startsWith(SECOND)) {
			this.second.destroyForcibly();
			return;
		}
		ProcessHandle.of(stackPid()).ifPresent(ProcessHandle::destroyForcibly);
	}

	/**
	 * Stops the second instance and brings the stack's instance back if it was killed.
	 */
	@Override
	public void close() throws Exception {
		this.admin.close();
		this.second.destroy();
		this.second.waitFor(30, TimeUnit.SECONDS);
		if (ProcessHandle.of(stackPid()).map(ProcessHandle::isAlive).orElse(false)) {
			return;
		}
		Process services = new ProcessBuilder(this.stack.home().resolve("onair").toString(), "services")
			.redirectErrorStream(true)
			.start();
		String output = new String(services.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (services.waitFor() != 0) {
			throw new IllegalStateException("./onair services could not restart media-service:\n" + output);
		}
	}

	private List<MemberDescription> members() {
		try {
			ConsumerGroupDescription group = this.admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
			return List.copyOf(group.members());
		}
		catch (ExecutionException | InterruptedException ex) {
			throw new IllegalStateException("Cannot describe consumer group " + GROUP, ex);
		}
	}

	private int partitionOf(String room) {
		try {
			int partitions = this.admin.describeTopics(List.of(TOPIC))
				.allTopicNames()
				.get()
				.get(TOPIC)
				.partitions()
				.size();
			// Kafka's default partitioner for a keyed record; the room id is the key.
			return Utils.toPositive(Utils.murmur2(room.getBytes(StandardCharsets.UTF_8))) % partitions;
		}
		catch (ExecutionException | InterruptedException ex) {
			throw new IllegalStateException("Cannot describe " + TOPIC, ex);
		}
	}

	private long stackPid() {
		try {
			return Long.parseLong(Files.readString(this.stack.home().resolve(".onair/pids/media-service.pid")).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean ready(int port) {
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
