package dev.onair.presence.sessions;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The {@code presence.sessions} partitions this instance consumes right now. A room
 * belongs to exactly one instance at a time, so only its owner expires its gateways and
 * publishes its counts (two instances publishing one room could land an older count last
 * on the compacted topic).
 */
@Component
public class AssignedRooms implements ConsumerAwareRebalanceListener {

	private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

	private volatile int partitionCount;

	/**
	 * Whether the room's partition is assigned here, computed as the gateways' producers
	 * place it (the default partitioner: murmur2 of the UTF-8 key).
	 */
	public boolean owns(String room) {
		int count = this.partitionCount;
		if (count == 0) {
			return false;
		}
		int partition = BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), count);
		return this.partitions.contains(partition);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
		assigned.stream()
			.findFirst()
			.ifPresent((first) -> this.partitionCount = consumer.partitionsFor(first.topic()).size());
		assigned.forEach((partition) -> this.partitions.add(partition.partition()));
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
		revoked.forEach((partition) -> this.partitions.remove(partition.partition()));
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
		lost.forEach((partition) -> this.partitions.remove(partition.partition()));
	}

}
