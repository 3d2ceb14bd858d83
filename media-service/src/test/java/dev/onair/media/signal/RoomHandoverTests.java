package dev.onair.media.signal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.onair.media.rooms.Rooms;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class RoomHandoverTests {

	private static final String TOPIC = "it.signal.to-media";

	private final Rooms rooms = mock(Rooms.class);

	private final Consumer<?, ?> consumer = mock(Consumer.class);

	private final RoomHandover handover = new RoomHandover(this.rooms);

	@Test
	void findsARoomOnThePartitionTheProducerPutsItsSignalsOn() {
		for (int i = 0; i < 1000; i++) {
			String room = UUID.randomUUID().toString();
			for (int partitions : new int[] { 1, 6, 12 }) {
				assertThat(RoomHandover.partitionOf(room, partitions)).as(room)
					.isEqualTo(BuiltInPartitioner.partitionForKey(room.getBytes(StandardCharsets.UTF_8), partitions));
			}
		}
	}

	@Test
	void takesOverTheRoomsOfTheSignalPartitionsAssignedAndHandsOverThoseRevoked() {
		String here = roomOn(2);
		String elsewhere = roomOn(3);
		when(this.consumer.partitionsFor(TOPIC)).thenReturn(sixPartitions());
		when(this.rooms.stored()).thenReturn(List.of(here, elsewhere));
		when(this.rooms.owned()).thenReturn(List.of(here, elsewhere));
		when(this.rooms.findOrTakeOver(any())).thenReturn(Optional.empty());

		this.handover.onPartitionsAssigned(SignalsToMedia.BINDING, this.consumer, List.of(new TopicPartition(TOPIC, 2)),
				true);
		verify(this.rooms).findOrTakeOver(here);
		verify(this.rooms, never()).findOrTakeOver(elsewhere);

		this.handover.onPartitionsRevokedAfterCommit(SignalsToMedia.BINDING, this.consumer,
				List.of(new TopicPartition(TOPIC, 3)));
		verify(this.rooms).handOver(elsewhere);
		verify(this.rooms, never()).handOver(here);
	}

	@Test
	void otherBindingsPartitionsAreNoRooms() {
		List<TopicPartition> partitions = List.of(new TopicPartition("it.broadcast.state", 2));
		this.handover.onPartitionsAssigned("broadcastStates-in-0", this.consumer, partitions, true);
		this.handover.onPartitionsRevokedAfterCommit("broadcastStates-in-0", this.consumer, partitions);
		verifyNoInteractions(this.rooms, this.consumer);
	}

	private static String roomOn(int partition) {
		while (true) {
			String room = UUID.randomUUID().toString();
			if (RoomHandover.partitionOf(room, 6) == partition) {
				return room;
			}
		}
	}

	private static List<PartitionInfo> sixPartitions() {
		return IntStream.range(0, 6)
			.mapToObj((partition) -> new PartitionInfo(TOPIC, partition, null, null, null))
			.toList();
	}

}
