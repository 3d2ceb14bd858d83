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

import dev.onair.contract.Topics;
import dev.onair.media.rooms.Rooms;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Moves rooms between instances with their {@code signal.to-media} partitions. A room is
 * taken over the moment its partition is assigned here, not on its next signal: Janus
 * keeps a dead instance's sessions only for {@code reclaim_session_timeout}, and a room
 * whose viewers just watch may send nothing for far longer. Runs on the consumer thread
 * before any record of the new partitions, so the room's order still holds.
 */
@Component
class RoomHandover implements ConsumerAwareRebalanceListener {

	private static final Logger log = LoggerFactory.getLogger(RoomHandover.class);

	private final Rooms rooms;

	private final String topic;

	RoomHandover(Rooms rooms, @Value("${onair.kafka.prefix:}") String prefix) {
		this.rooms = rooms;
		this.topic = prefix + Topics.SIGNAL_TO_MEDIA;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Set<Integer> assigned = partitionsOfTopic(partitions);
		if (assigned.isEmpty()) {
			return;
		}
		int count = consumer.partitionsFor(this.topic).size();
		int taken = 0;
		for (String room : this.rooms.stored()) {
			if (assigned.contains(partitionOf(room, count)) && this.rooms.findOrTakeOver(room).isPresent()) {
				taken++;
			}
		}
		log.info("Assigned {} partitions {}: {} rooms owned here", this.topic, assigned, taken);
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		handOver(consumer, partitions);
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		handOver(consumer, partitions);
	}

	private void handOver(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		Set<Integer> revoked = partitionsOfTopic(partitions);
		if (revoked.isEmpty()) {
			return;
		}
		int count = consumer.partitionsFor(this.topic).size();
		for (String room : this.rooms.owned()) {
			if (revoked.contains(partitionOf(room, count))) {
				this.rooms.handOver(room);
			}
		}
	}

	private Set<Integer> partitionsOfTopic(Collection<TopicPartition> partitions) {
		return partitions.stream()
			.filter((partition) -> partition.topic().equals(this.topic))
			.map(TopicPartition::partition)
			.collect(Collectors.toSet());
	}

	/** The partition Kafka's default partitioner gives a record keyed by the room id. */
	static int partitionOf(String room, int partitions) {
		return BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), partitions);
	}

}
