package dev.onair.presence.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room counts as owned for expiry only once its partition has been here a whole lease:
 * until then this instance may not have read the heartbeats waiting on it.
 */
class AssignedRoomsTests {

	private static final String TOPIC = "presence.sessions";

	private static final int PARTITIONS = 6;

	private final AssignedRooms rooms = new AssignedRooms();

	private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

	@Test
	void aRoomIsOwnedFromItsAssignmentOnAndForgottenWhenRevoked() {
		this.consumer.updatePartitions(TOPIC,
				IntStream.range(0, PARTITIONS).mapToObj((p) -> new PartitionInfo(TOPIC, p, null, null, null)).toList());
		String room = "0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10";
		TopicPartition partition = new TopicPartition(TOPIC,
				BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), PARTITIONS));
		assertThat(this.rooms.ownsForAtLeast(room, Duration.ZERO)).as("before any assignment").isFalse();
		this.rooms.onPartitionsAssigned("other-in-0", this.consumer, List.of(partition), true);
		assertThat(this.rooms.ownsForAtLeast(room, Duration.ZERO)).as("another binding's partition").isFalse();

		this.rooms.onPartitionsAssigned(SessionEvents.BINDING, this.consumer, List.of(partition), true);
		assertThat(this.rooms.ownsForAtLeast(room, Duration.ZERO)).isTrue();
		assertThat(this.rooms.ownsForAtLeast(room, Duration.ofSeconds(15))).as("assigned a moment ago").isFalse();

		this.rooms.onPartitionsRevokedAfterCommit(SessionEvents.BINDING, this.consumer, List.of(partition));
		assertThat(this.rooms.ownsForAtLeast(room, Duration.ZERO)).isFalse();
	}

}
