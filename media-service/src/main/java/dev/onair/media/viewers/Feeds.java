package dev.onair.media.viewers;

import dev.onair.contract.signal.MediaError;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.placement.Placement;
import dev.onair.media.placement.ViewerPlacement;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.rooms.Edge;
import dev.onair.media.rooms.Edges;
import dev.onair.media.rooms.Room;

import org.springframework.stereotype.Component;

/**
 * Where a new viewer subscribes: a place on a node that carries the room and has room for
 * one more viewer, or on another node the room is cascaded to first (placement decides,
 * {@code Edges} cascades). Waits on Redis and Janus: listener threads only.
 */
@Component
class Feeds {

	private final Placement placement;

	private final Edges edges;

	private final VideoRoom videoRoom;

	Feeds(Placement placement, Edges edges, VideoRoom videoRoom) {
		this.placement = placement;
		this.edges = edges;
		this.videoRoom = videoRoom;
	}

	/**
	 * Reserves a place for a viewer of the room and returns the feed to subscribe to
	 * there; {@link #giveBack} returns the place if the subscription does not happen.
	 */
	Feed reserve(Room room) {
		ViewerPlacement.Choice choice = this.placement.placeViewer(room.node(), this.edges.nodesOf(room.id()));
		try {
			JanusNode node = this.videoRoom.liveNode(choice.node());
			if (node == null) {
				throw new MediaRefusal(MediaError.NODE_DOWN, "The media server of this room is down; watch again");
			}
			if (choice.node().equals(room.node())) {
				return new Feed(node, room.janusSession(), room.feed());
			}
			Edge edge = this.edges.of(room.id())
				.stream()
				.filter((candidate) -> candidate.node().equals(choice.node()))
				.findFirst()
				.orElseGet(() -> this.edges.bring(room, node));
			return new Feed(node, edge.janusSession(), edge.feed());
		}
		catch (RuntimeException ex) {
			giveBack(choice.node());
			throw ex;
		}
	}

	/** The viewer's place on the node is free again. */
	void giveBack(String node) {
		this.placement.viewerLeft(node);
	}

	/** Every place on the node is gone with it. */
	void nodeLost(String node) {
		this.placement.nodeLost(node);
	}

	/**
	 * @param node where the viewer's subscription goes
	 * @param janusSession the room's Janus session on that node
	 * @param feed the publisher there: the real one on the origin, the remote one on an
	 * edge
	 */
	record Feed(JanusNode node, long janusSession, String feed) {
	}

}
