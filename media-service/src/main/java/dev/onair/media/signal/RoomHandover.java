package dev.onair.media.signal;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.media.rooms.Rooms;

import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Moves rooms between instances with their {@code signal.to-media} partitions. A room is
 * taken over the moment its partition is assigned here, not on its next signal: Janus
 * keeps a dead instance's sessions only for {@code reclaim_session_timeout}, and a room
 * whose viewers just watch may send nothing for far longer. Runs on the consumer thread
 * before any record of the new partitions, so the room's order still holds.
 * <p>
 * The binder calls this for every consumer binding; only {@link SignalsToMedia#BINDING}'s
 * partitions are rooms. Lost partitions (this instance's session timed out) arrive as
 * revoked: spring-kafka's container reports them both ways.
 */
@Component
class RoomHandover implements KafkaBindingRebalanceListener {

	private static final Logger log = LoggerFactory.getLogger(RoomHandover.class);

	private final Rooms rooms;

	RoomHandover(Rooms rooms) {
		this.rooms = rooms;
	}

	@Override
	public void onPartitionsAssigned(String binding, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
			boolean initial) {
		if (!SignalsToMedia.BINDING.equals(binding) || partitions.isEmpty()) {
			return;
		}
		String topic = partitions.iterator().next().topic();
		Set<Integer> assigned = numbers(partitions);
		int count = consumer.partitionsFor(topic).size();
		int taken = 0;
		for (String room : this.rooms.stored()) {
			if (assigned.contains(partitionOf(room, count)) && this.rooms.findOrTakeOver(room).isPresent()) {
				taken++;
			}
		}
		log.info("Assigned {} partitions {}: {} rooms owned here", topic, assigned, taken);
	}

	@Override
	public void onPartitionsRevokedAfterCommit(String binding, Consumer<?, ?> consumer,
			Collection<TopicPartition> partitions) {
		if (!SignalsToMedia.BINDING.equals(binding) || partitions.isEmpty()) {
			return;
		}
		Set<Integer> revoked = numbers(partitions);
		int count = consumer.partitionsFor(partitions.iterator().next().topic()).size();
		for (String room : this.rooms.owned()) {
			if (revoked.contains(partitionOf(room, count))) {
				this.rooms.handOver(room);
			}
		}
	}

	private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
		return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
	}

	/** The partition Kafka's default partitioner gives a record keyed by the room id. */
	static int partitionOf(String room, int partitions) {
		return BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), partitions);
	}

}
