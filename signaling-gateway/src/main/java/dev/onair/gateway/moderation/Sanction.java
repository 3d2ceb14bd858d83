package dev.onair.gateway.moderation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A user's current sanction in a room, the value on {@code moderation.sanctions} keyed by
 * {@code <room>/<user>}; a tombstone lifts it. Only gateways produce and read it, so it
 * lives here rather than in the contract module.
 *
 * @param room room id
 * @param user the sanctioned session identity
 * @param kind {@code timeout} or {@code ban}
 * @param until end of a timeout; {@code null} for a ban, which lasts until lifted
 * @param at when the owner's gateway accepted it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Sanction(String room, String user, String kind, Instant until, Instant at) {

	static final String TIMEOUT = "timeout";

	static final String BAN = "ban";

	static String key(String room, String user) {
		return room + "/" + user;
	}

	boolean banned() {
		return BAN.equals(this.kind);
	}

	/** Whether it still refuses anything at {@code now}. */
	boolean inForceAt(Instant now) {
		return banned() || (this.until != null && this.until.isAfter(now));
	}

}
