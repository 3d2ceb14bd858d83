import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The local stand-in for Strimzi's kafka-exporter: consumer lag as the broker sees it, in
 * kafka-exporter's metric names, so the local Prometheus shows the figures the alerts of
 * {@code k8s/base/monitoring.yaml} read in Kubernetes. Run by {@code ./onair} as a
 * single-file program on the broker's own jars: {@code java LagExporter.java <bootstrap>
 * <port>}; every scrape of {@code http://127.0.0.1:<port>/metrics} asks the broker afresh.
 * Integration tests' topics and groups (prefix {@code it-}) are left out: hundreds of
 * them would only hide the stack's.
 */
public class LagExporter {

	private static final String TEST_PREFIX = "it-";

	private static final long TIMEOUT_SECONDS = 10;

	public static void main(String[] args) throws IOException {
		Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 0);
		server.createContext("/metrics", (exchange) -> answer(exchange, admin));
		server.setExecutor(Executors.newSingleThreadExecutor());
		server.start();
	}

	private static void answer(HttpExchange exchange, Admin admin) throws IOException {
		int status = 200;
		String body;
		try {
			body = metrics(admin);
		}
		catch (ExecutionException | TimeoutException ex) {
			status = 503;
			body = "# Kafka did not answer: " + ex + "\n";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = 503;
			body = "# interrupted\n";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String metrics(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
		Collection<String> topics = admin.listTopics()
			.names()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.stream()
			.filter((topic) -> !topic.startsWith(TEST_PREFIX))
			.toList();
		List<TopicPartition> partitions = new ArrayList<>();
		for (TopicDescription topic : admin.describeTopics(topics)
			.allTopicNames()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.values()) {
			topic.partitions().forEach((info) -> partitions.add(new TopicPartition(topic.name(), info.partition())));
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), (p) -> OffsetSpec.latest())))
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));

		Collection<String> groups = admin.listConsumerGroups()
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
			.stream()
			.map(ConsumerGroupListing::groupId)
			.filter((group) -> !group.startsWith(TEST_PREFIX))
			.toList();
		Map<String, ConsumerGroupDescription> described = new TreeMap<>(
				admin.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

		StringBuilder out = new StringBuilder();
		out.append("# HELP kafka_topic_partition_current_offset End offset of a partition\n");
		out.append("# TYPE kafka_topic_partition_current_offset gauge\n");
		new TreeMap<>(ends.entrySet().stream().collect(Collectors.toMap((e) -> e.getKey().toString(), Map.Entry::getKey)))
			.values()
			.forEach((partition) -> out.append(String.format("kafka_topic_partition_current_offset{topic=\"%s\",partition=\"%d\"} %d%n",
					partition.topic(), partition.partition(), ends.get(partition))));
		out.append("# HELP kafka_consumergroup_members Members of a consumer group\n");
		out.append("# TYPE kafka_consumergroup_members gauge\n");
		described.forEach((group, description) -> out
			.append(String.format("kafka_consumergroup_members{consumergroup=\"%s\"} %d%n", group, description.members().size())));
		out.append("# HELP kafka_consumergroup_current_offset Committed offset of a consumer group in a partition\n");
		out.append("# TYPE kafka_consumergroup_current_offset gauge\n");
		StringBuilder lag = new StringBuilder();
		lag.append("# HELP kafka_consumergroup_lag End offset minus the group's committed offset\n");
		lag.append("# TYPE kafka_consumergroup_lag gauge\n");
		for (String group : described.keySet()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			committed.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() != null && ends.containsKey(entry.getKey()))
				.sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
				.forEach((entry) -> {
					TopicPartition partition = entry.getKey();
					String labels = String.format("consumergroup=\"%s\",topic=\"%s\",partition=\"%d\"", group,
							partition.topic(), partition.partition());
					long offset = entry.getValue().offset();
					out.append(String.format("kafka_consumergroup_current_offset{%s} %d%n", labels, offset));
					lag.append(String.format("kafka_consumergroup_lag{%s} %d%n", labels,
							Math.max(0, ends.get(partition) - offset)));
				});
		}
		return out.append(lag).toString();
	}

}
