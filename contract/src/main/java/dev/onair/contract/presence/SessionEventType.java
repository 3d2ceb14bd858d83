package dev.onair.contract.presence;

/** What a gateway reports about sessions in a room. */
public enum SessionEventType {

	/** A session joined the room. */
	JOINED,

	/** A session left the room (or its connection closed). */
	LEFT,

	/**
	 * The gateway still holds exactly {@code sessions} in the room; sent periodically.
	 */
	HEARTBEAT

}
