package dev.onair.media.signal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomHandoverTests {

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

}
