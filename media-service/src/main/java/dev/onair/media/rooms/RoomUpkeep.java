package dev.onair.media.rooms;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.MediaError;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.janus.NodeDown;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.placement.Placement;
import dev.onair.media.replies.Replies;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the Janus sessions of the rooms this instance owns alive (on their origin and
 * their edges), and gives up the rooms of a node that went down (its edges of other rooms
 * are forgotten and their viewers told, {@link EdgeLost}): their clients get a retryable
 * {@code error} (publish or watch again; the room is then placed on a node that is up)
 * instead of a frozen picture.
 * <p>
 * Keepalives run on their own {@code janus-keepalive} thread (SchedulingConfiguration)
 * and never wait there: a slow pass of anything else cannot push them past Janus's
 * {@code session_timeout}.
 */
@Component
class RoomUpkeep {

	private static final Logger log = LoggerFactory.getLogger(RoomUpkeep.class);

	private final Rooms rooms;

	private final VideoRoom videoRoom;

	private final Placement placement;

	private final Replies replies;

	private final ApplicationEventPublisher events;

	private final JanusNodes nodes;

	private final Edges edges;

	RoomUpkeep(Rooms rooms, VideoRoom videoRoom, Placement placement, Replies replies, ApplicationEventPublisher events,
			JanusNodes nodes, Edges edges) {
		this.edges = edges;
		this.rooms = rooms;
		this.videoRoom = videoRoom;
		this.placement = placement;
		this.replies = replies;
		this.events = events;
		this.nodes = nodes;
	}

	@Scheduled(fixedDelayString = "${onair.janus.session-keepalive:20s}", scheduler = "janusKeepaliveScheduler")
	void keepalive() {
		for (Room room : List.copyOf(this.rooms.local())) {
			JanusNode node = this.videoRoom.liveNode(room.node());
			if (node == null) {
				continue;
			}
			this.videoRoom.keepalive(node, room.janusSession()).whenComplete((ack, ex) -> {
				if (ex != null) {
					log.warn("Keepalive of room {} failed: {}", room.id(), ex.getMessage());
				}
			});
		}
		for (Edge edge : this.edges.owned()) {
			JanusNode node = this.videoRoom.liveNode(edge.node());
			if (node == null) {
				continue;
			}
			this.videoRoom.keepalive(node, edge.janusSession()).whenComplete((ack, ex) -> {
				if (ex != null) {
					log.warn("Keepalive of room {} on edge {} failed: {}", edge.room(), edge.node(), ex.getMessage());
				}
			});
		}
	}

	/**
	 * Arrives on {@code janus-events}; dropping the rooms writes Redis, so it follows up.
	 */
	@EventListener
	void on(NodeDown down) {
		this.nodes.followUp(() -> dropRoomsOf(down.node().id()));
	}

	private void dropRoomsOf(String node) {
		this.placement.nodeLost(node);
		for (Edge edge : this.edges.owned()) {
			if (edge.node().equals(node)) {
				this.edges.forget(edge);
				this.events.publishEvent(new EdgeLost(edge.room(), node));
			}
		}
		for (Room room : List.copyOf(this.rooms.local())) {
			if (!room.node().equals(node)) {
				continue;
			}
			// Its edges have nothing to forward any more.
			this.edges.releaseAll(room);
			this.rooms.remove(room.id());
			this.placement.release(node);
			this.events.publishEvent(new RoomChanged(room.id(), true));
			this.replies.error(room.id(), null, MediaError.NODE_DOWN,
					"The media server of this room went down; publish or watch again");
			if (room.publisher() != null) {
				this.replies.publisher(room.id(), PublisherState.DISCONNECTED, room.publisher());
			}
		}
	}

}
