package dev.onair.contract.broadcast;

/** Where a broadcast is in its lifecycle: READY → LIVE → ENDED, never backwards. */
public enum BroadcastStatus {

	READY, LIVE, ENDED

}
