package dev.onair.gateway.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.onair.contract.presence.ViewerCount;
import dev.onair.contract.ws.Viewers;
import dev.onair.gateway.kafka.RecordValue;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Pushes presence-service's viewer counts to the room's sessions held here, at most once
 * per {@code viewerCountInterval} (500 ms) per room: a count is one frame to every
 * session in the room, so during a join storm presence's four updates a second cost
 * 20,000 frames a second per 5,000 viewers, on the gateway and on every viewer. The
 * latest count always follows within one interval. The function behind
 * {@code viewerCounts-in-0}, a fan-out binding (application.yml).
 */
@Component("viewerCounts")
class ViewerCountListener implements Consumer<Message<?>> {

	private final Sessions sessions;

	private final Frames frames;

	private final JsonMapper json;

	private final long intervalNanos;

	private final Map<String, RoomCount> rooms = new ConcurrentHashMap<>();

	ViewerCountListener(Sessions sessions, Frames frames, JsonMapper json, GatewayProperties properties) {
		this.sessions = sessions;
		this.frames = frames;
		this.json = json;
		this.intervalNanos = properties.viewerCountInterval().toNanos();
	}

	@Override
	public void accept(Message<?> record) {
		ViewerCount count = this.json.readValue(RecordValue.of(record), ViewerCount.class);
		if (this.sessions.inRoom(count.room()).isEmpty()) {
			this.rooms.remove(count.room());
			return;
		}
		RoomCount room = this.rooms.computeIfAbsent(count.room(), RoomCount::new);
		long wait = room.offer(count.viewers(), System.nanoTime(), this.intervalNanos);
		if (wait == 0) {
			push(room);
		}
		else if (wait > 0) {
			Schedulers.parallel().schedule(() -> push(room), wait, TimeUnit.NANOSECONDS);
		}
	}

	private void push(RoomCount room) {
		long viewers = room.take(System.nanoTime());
		byte[] frame = this.frames.write(new Viewers(room.id, viewers));
		this.sessions.inRoom(room.id).forEach((session) -> session.send(frame));
	}

	/** The count of one room: the latest value and when it was last pushed. */
	private static final class RoomCount {

		private final String id;

		private long latest;

		private long pushedAtNanos = Long.MIN_VALUE;

		private boolean scheduled;

		RoomCount(String id) {
			this.id = id;
		}

		/**
		 * Records {@code viewers}.
		 * @return 0 to push now, the nanoseconds to wait before a push, or -1 when a push
		 * is already scheduled (it will carry this value)
		 */
		synchronized long offer(long viewers, long now, long interval) {
			this.latest = viewers;
			if (this.scheduled) {
				return -1;
			}
			long due = (this.pushedAtNanos == Long.MIN_VALUE) ? now : this.pushedAtNanos + interval;
			this.scheduled = true;
			return Math.max(0, due - now);
		}

		synchronized long take(long now) {
			this.scheduled = false;
			this.pushedAtNanos = now;
			return this.latest;
		}

	}

}
