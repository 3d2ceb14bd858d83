package dev.onair.gateway.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Ready only once every fan-out listener has its partitions: they start at the latest
 * offset, so a client routed here earlier could miss chat and signals.
 */
@Component("fanOutHealthIndicator")
class FanOutHealth implements HealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	private final FanOut fanOut;

	FanOutHealth(KafkaListenerEndpointRegistry registry, FanOut fanOut) {
		this.registry = registry;
		this.fanOut = fanOut;
	}

	@Override
	public Health health() {
		long waiting = this.registry.getListenerContainers()
			.stream()
			// A listener of a group shared by every instance (whip) may rightly have no
			// partition: with more instances than partitions, or during a rebalance.
			.filter((container) -> container.getGroupId() != null
					&& container.getGroupId().startsWith(this.fanOut.base()))
			.filter((container) -> !assigned(container))
			.count();
		return (waiting == 0) ? Health.up().build()
				: Health.outOfService().withDetail("listenersWithoutPartitions", waiting).build();
	}

	private static boolean assigned(MessageListenerContainer container) {
		return container.isRunning() && container.getAssignedPartitions() != null
				&& !container.getAssignedPartitions().isEmpty();
	}

}
