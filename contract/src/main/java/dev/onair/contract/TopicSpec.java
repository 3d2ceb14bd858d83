package dev.onair.contract;

import java.time.Duration;
import java.util.Map;

/**
 * How a Kafka topic is laid out. Services create their topics from these at start-up and
 * the Kubernetes {@code KafkaTopic} resources are checked against them.
 *
 * @param name the topic name, {@code <owner>.<stream>}
 * @param partitions partition count; room traffic is keyed by room id, so this bounds how
 * many instances of a consuming service share the work
 * @param compacted {@code true} for state snapshots (latest value per key is kept
 * forever)
 * @param retention how long records of a non-compacted topic are kept
 */
public record TopicSpec(String name, int partitions, boolean compacted, Duration retention) {

	public String cleanupPolicy() {
		return this.compacted ? "compact" : "delete";
	}

	/**
	 * The topic's settings as Kafka names them: its cleanup policy and, unless compacted,
	 * its retention. What a service that creates the topic passes to Kafka.
	 */
	public Map<String, String> configs() {
		return this.compacted ? Map.of("cleanup.policy", cleanupPolicy())
				: Map.of("cleanup.policy", cleanupPolicy(), "retention.ms", Long.toString(this.retention.toMillis()));
	}

}
