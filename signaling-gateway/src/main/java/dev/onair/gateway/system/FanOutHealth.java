package dev.onair.gateway.system;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Ready only once every fan-out binding has its partitions: they start at the latest
 * offset, so a client routed here earlier could miss chat and signals. The binder tells
 * each binding's assignments and revocations here, but not a lost assignment (a consumer
 * that fell out of its group): that one counts until the next assignment replaces it. An
 * instance whose consumers all fell out (a long pause) fails its canary meanwhile, the
 * canary's read-back being a fan-out binding too.
 */
@Component("fanOutHealthIndicator")
class FanOutHealth implements HealthIndicator, KafkaBindingRebalanceListener {

	/**
	 * The bindings in a group of this instance's own (application.yml). Not
	 * {@code publisherEvents-in-0}: in the group every instance shares, an instance may
	 * rightly have no partition (more instances than partitions, or a rebalance).
	 */
	static final List<String> FAN_OUT = List.of("chatMessages-in-0", "signalToClients-in-0", "viewerCounts-in-0",
			"gatewayCanary-in-0");

	private final Map<String, Set<TopicPartition>> assigned = new ConcurrentHashMap<>();

	@Override
	public void onPartitionsAssigned(String binding, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
			boolean initial) {
		this.assigned.computeIfAbsent(binding, (key) -> ConcurrentHashMap.newKeySet()).addAll(partitions);
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(String binding, Consumer<?, ?> consumer,
			Collection<TopicPartition> partitions) {
		this.assigned.getOrDefault(binding, Set.of()).removeAll(partitions);
	}

	@Override
	public Health health() {
		List<String> waiting = FAN_OUT.stream()
			.filter((binding) -> this.assigned.getOrDefault(binding, Set.of()).isEmpty())
			.toList();
		return waiting.isEmpty() ? Health.up().build()
				: Health.outOfService().withDetail("bindingsWithoutPartitions", waiting).build();
	}

}
