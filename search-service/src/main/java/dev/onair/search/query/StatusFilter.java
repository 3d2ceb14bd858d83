package dev.onair.search.query;

import java.util.List;

import dev.onair.contract.broadcast.BroadcastStatus;

/**
 * Which broadcasts a search covers. READY broadcasts are being set up in the studio and
 * are never listed.
 */
enum StatusFilter {

	LIVE(List.of(BroadcastStatus.LIVE)), ENDED(List.of(BroadcastStatus.ENDED)),
	ALL(List.of(BroadcastStatus.LIVE, BroadcastStatus.ENDED));

	private final List<BroadcastStatus> statuses;

	StatusFilter(List<BroadcastStatus> statuses) {
		this.statuses = statuses;
	}

	List<BroadcastStatus> statuses() {
		return this.statuses;
	}

}
