package dev.onair.presence.membership;

/**
 * A room's exact viewer count after a membership change.
 *
 * @param viewers viewer sessions in the room now
 * @param peak highest count the room reached
 * @param changed whether the change altered {@code viewers}
 */
public record RoomCount(long viewers, long peak, boolean changed) {

	static RoomCount parse(String reply) {
		String[] parts = reply.split(" ");
		return new RoomCount(Long.parseLong(parts[0]), Long.parseLong(parts[1]), "1".equals(parts[2]));
	}

}
