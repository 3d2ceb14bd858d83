package dev.onair.contract.broadcast;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The state of a broadcast after a change: a full snapshot on the compacted topic
 * {@code broadcast.state}, keyed by broadcast id. {@code version} grows by one with every
 * change of a broadcast, so consumers keep the highest version they have seen and ignore
 * older ones; replaying the topic is idempotent.
 *
 * @param id broadcast id (= room id)
 * @param version per-broadcast version, starting at 1
 * @param status lifecycle status
 * @param title 1–100 characters
 * @param description up to 2000 characters
 * @param tags up to 10 tags
 * @param createdAt when the broadcast was created
 * @param startedAt when it went LIVE, or {@code null}
 * @param endedAt when it ENDED, or {@code null}
 * @param peakViewers highest viewer count seen
 * @param thumbnailUrl path of the latest thumbnail, or {@code null}
 * @param ownerGeneration the broadcast's owner-token generation, starting at 1:
 * re-issuing the owner token bumps it and revokes tokens of older generations;
 * {@code null} in snapshots written before generations existed (still on the compacted
 * topic, and Jackson 3 refuses a missing primitive), which revokes nothing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BroadcastChanged(String id, long version, BroadcastStatus status, String title, String description,
		List<String> tags, Instant createdAt, Instant startedAt, Instant endedAt, long peakViewers, String thumbnailUrl,
		Long ownerGeneration) {

	/**
	 * A snapshot for consumers with no part in owner rights (search-service's copies).
	 */
	public BroadcastChanged(String id, long version, BroadcastStatus status, String title, String description,
			List<String> tags, Instant createdAt, Instant startedAt, Instant endedAt, long peakViewers,
			String thumbnailUrl) {
		this(id, version, status, title, description, tags, createdAt, startedAt, endedAt, peakViewers, thumbnailUrl,
				null);
	}

}
