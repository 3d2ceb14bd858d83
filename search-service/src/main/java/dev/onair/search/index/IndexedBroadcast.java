package dev.onair.search.index;

import java.time.Instant;
import java.util.List;

import dev.onair.contract.broadcast.BroadcastStatus;

/**
 * One broadcast as the index returns it: what a list or search result shows.
 *
 * @param id broadcast id (= room id)
 * @param title the title
 * @param description the description, possibly empty
 * @param tags the tags as the owner wrote them
 * @param status lifecycle status
 * @param viewers current viewers (0 unless LIVE)
 * @param startedAt when it went LIVE, or {@code null}
 * @param thumbnailUrl path of the latest thumbnail, or {@code null}
 */
public record IndexedBroadcast(String id, String title, String description, List<String> tags, BroadcastStatus status,
		long viewers, Instant startedAt, String thumbnailUrl) {

}
