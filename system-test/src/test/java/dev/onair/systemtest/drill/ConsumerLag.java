package dev.onair.systemtest.drill;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.onair.testsupport.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Consumer lag as the broker sees it, the figure kafka-exporter gives Prometheus in
 * Kubernetes ({@code kafka_consumergroup_lag}) and {@code ./onair status} prints: per
 * group, the end offsets of its partitions minus the offsets it committed. Only the
 * stack's groups that have members count: integration tests' groups carry their class's
 * prefix ({@code it-…}), and a killed gateway leaves its per-instance groups behind
 * without members.
 */
final class ConsumerLag implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 5;

	private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
			LocalStack.get().kafkaBootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
			AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));

	/**
	 * Records waiting per active group of the stack, by group name (groups without lag
	 * included, with 0).
	 * @throws IllegalStateException when the broker does not answer
	 */
	Map<String, Long> byGroup() {
		try {
			Collection<String> stackGroups = this.admin.listConsumerGroups()
				.all()
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.stream()
				.map(ConsumerGroupListing::groupId)
				.filter((group) -> !group.startsWith("it-"))
				.toList();
			Map<String, Long> lag = new TreeMap<>();
			for (var described : this.admin.describeConsumerGroups(stackGroups).describedGroups().entrySet()) {
				// A group can vanish between listing and describing (a replaced
				// gateway's,
				// once its offsets expire): it has no lag to report.
				ConsumerGroupDescription group = present(described.getValue());
				if (group != null && !group.members().isEmpty()) {
					lag.put(group.groupId(), lag(group.groupId()));
				}
			}
			return lag;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer for consumer lag: " + ex.getCause(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading consumer lag", ex);
		}
	}

	private static ConsumerGroupDescription present(KafkaFuture<ConsumerGroupDescription> described)
			throws ExecutionException, TimeoutException, InterruptedException {
		try {
			return described.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return null;
			}
			throw ex;
		}
	}

	private long lag(String group) throws ExecutionException, TimeoutException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		committed.values().removeIf((offset) -> offset == null);
		if (committed.isEmpty()) {
			return 0;
		}
		Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin
			.listOffsets(committed.keySet()
				.stream()
				.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest())))
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		return committed.entrySet()
			.stream()
			.mapToLong((entry) -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()))
			.sum();
	}

	@Override
	public void close() {
		this.admin.close();
	}

}
