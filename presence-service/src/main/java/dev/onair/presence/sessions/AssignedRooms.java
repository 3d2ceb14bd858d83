package dev.onair.presence.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;

import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The {@code presence.sessions} partitions this instance consumes right now. A room
 * belongs to exactly one instance at a time, so only its owner expires its gateways and
 * publishes its counts (two instances publishing one room could land an older count last
 * on the compacted topic). The binder calls this for its consumer bindings; only
 * {@code sessionEvents-in-0} is about rooms. Lost partitions (a session that timed out)
 * arrive as revoked: spring-kafka's container reports them both ways.
 */
@Component
public class AssignedRooms implements KafkaBindingRebalanceListener {

	/** Assigned partitions, each with when (nanoTime) it was assigned here. */
	private final Map<Integer, Long> partitions = new ConcurrentHashMap<>();

	private volatile int partitionCount;

	/**
	 * Whether the room's partition has been assigned here for at least {@code time}: the
	 * heartbeats of that long have been read here, not only those a previous owner read.
	 * The partition is computed as the gateways' producers place the room (the default
	 * partitioner: murmur2 of the UTF-8 key).
	 */
	public boolean ownsForAtLeast(String room, Duration time) {
		Long since = assignedAt(room);
		return since != null && System.nanoTime() - since >= time.toNanos();
	}

	private Long assignedAt(String room) {
		int count = this.partitionCount;
		if (count == 0) {
			return null;
		}
		return this.partitions.get(BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), count));
	}

	@Override
	public void onPartitionsAssigned(String binding, Consumer<?, ?> consumer, Collection<TopicPartition> assigned,
			boolean initial) {
		if (!SessionEvents.BINDING.equals(binding)) {
			return;
		}
		assigned.stream()
			.findFirst()
			.ifPresent((first) -> this.partitionCount = consumer.partitionsFor(first.topic()).size());
		long now = System.nanoTime();
		assigned.forEach((partition) -> this.partitions.putIfAbsent(partition.partition(), now));
	}

	@Override
	public void onPartitionsRevokedAfterCommit(String binding, Consumer<?, ?> consumer,
			Collection<TopicPartition> revoked) {
		if (SessionEvents.BINDING.equals(binding)) {
			revoked.forEach((partition) -> this.partitions.remove(partition.partition()));
		}
	}

}
