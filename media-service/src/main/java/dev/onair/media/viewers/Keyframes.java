package dev.onair.media.viewers;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.media.janus.JanusHandle;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.rooms.Room;

import org.springframework.stereotype.Component;

/**
 * Layer switches without waiting for the periodic keyframe: after a viewer's substream
 * changes, asks the room's publisher for a keyframe if Janus has not confirmed the switch
 * within {@link KeyframePacer#FOLLOW_UP_MILLIS}, at most one request per publisher per
 * {@link KeyframePacer#GAP_MILLIS} (see {@link KeyframePacer}). Nothing here waits: the
 * checks run on {@code janus-followup} and the request is only queued to Janus.
 */
@Component
class Keyframes {

	private static final Logger log = LoggerFactory.getLogger(Keyframes.class);

	private final KeyframePacer pacer = new KeyframePacer();

	private final JanusNodes nodes;

	private final VideoRoom videoRoom;

	private final Counter requests;

	Keyframes(JanusNodes nodes, VideoRoom videoRoom, MeterRegistry meters) {
		this.nodes = nodes;
		this.videoRoom = videoRoom;
		this.requests = Counter.builder("onair.media.keyframe.requests")
			.description("Keyframe requests media-service sent to publishers because a layer switch waited")
			.register(meters);
	}

	/**
	 * The viewer's subscription was just moved to {@code substream}; only reads memory.
	 */
	void switched(Room room, Viewer viewer, int substream) {
		Publisher publisher = new Publisher(room.id(), room.node(), room.janusSession(), room.handle());
		long now = now();
		schedule(publisher, this.pacer.switched(room.id(), key(viewer.node(), viewer.handle()), substream, now), now);
	}

	/**
	 * The viewer's media just started: Janus asked for a keyframe, which the browser may
	 * have dropped. Only reads memory, for {@code janus-events}.
	 */
	void started(Room room, Viewer viewer) {
		switched(room, viewer, room.simulcast() ? KeyframePacer.ANY : KeyframePacer.ONCE);
	}

	/** Janus reported the subscriber's new substream: its switch is done. */
	void confirmed(String node, long handle, int substream) {
		this.pacer.confirmed(key(node, handle), substream);
	}

	void forget(Viewer viewer) {
		this.pacer.forget(key(viewer.node(), viewer.handle()));
	}

	private void check(Publisher publisher) {
		long now = now();
		KeyframePacer.Check check = this.pacer.check(publisher.room(), now);
		if (check.request()) {
			request(publisher);
		}
		schedule(publisher, check.nextAt(), now);
	}

	private void schedule(Publisher publisher, long at, long now) {
		if (at >= 0) {
			this.nodes.followUpAfter(Math.max(0, at - now), TimeUnit.MILLISECONDS, () -> check(publisher));
		}
	}

	private void request(Publisher publisher) {
		JanusNode node = this.videoRoom.liveNode(publisher.node());
		if (node == null || publisher.handle() == 0) {
			return;
		}
		this.requests.increment();
		this.videoRoom.requestKeyframe(new JanusHandle(node, publisher.session(), publisher.handle()))
			.whenComplete((ack, ex) -> {
				if (ex != null) {
					log.debug("Keyframe request for room {} failed: {}", publisher.room(), ex.getMessage());
				}
			});
	}

	private static String key(String node, long handle) {
		return node + "/" + handle;
	}

	private static long now() {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
	}

	/** The handle a room's publisher joined Janus with, where keyframe requests go. */
	private record Publisher(String room, String node, long session, long handle) {
	}

}
