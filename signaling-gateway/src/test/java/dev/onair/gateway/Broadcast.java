package dev.onair.gateway;

import java.time.Instant;
import java.util.UUID;

import dev.onair.contract.Topics;
import dev.onair.testsupport.LocalStack;

/**
 * A broadcast as broadcast-service announces it on {@code broadcast.state}: the gateways
 * let sessions into rooms of real broadcasts only.
 */
final class Broadcast {

	private Broadcast() {
	}

	/** A new READY broadcast in the deployment of {@code prefix}; returns its id. */
	static String open(String prefix) {
		String id = UUID.randomUUID().toString();
		announce(LocalStack.get().kafkaBootstrapServers(), prefix, id, 1, "READY");
		return id;
	}

	static void announce(String bootstrapServers, String prefix, String id, long version, String status) {
		KafkaProbe.send(bootstrapServers, prefix + Topics.BROADCAST_STATE, id, """
				{"id":"%s","version":%d,"status":"%s","title":"test","description":"","tags":[],"createdAt":"%s",
				"startedAt":null,"endedAt":null,"peakViewers":0,"thumbnailUrl":null}""".formatted(id, version, status,
				Instant.now()));
	}

}
