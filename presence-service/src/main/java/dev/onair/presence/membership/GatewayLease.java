package dev.onair.presence.membership;

/**
 * One gateway's heartbeat lease in one room.
 *
 * @param room room id
 * @param gateway gateway instance id
 */
public record GatewayLease(String room, String gateway) {

	static GatewayLease parse(String member) {
		int separator = member.indexOf(PresenceKeys.LEASE_SEPARATOR);
		return new GatewayLease(member.substring(0, separator), member.substring(separator + 1));
	}

}
