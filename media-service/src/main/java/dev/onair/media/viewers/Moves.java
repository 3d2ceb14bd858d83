package dev.onair.media.viewers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.contract.signal.SignalToMedia;
import dev.onair.media.janus.JanusEvent;
import dev.onair.media.janus.JanusHandle;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;
import dev.onair.media.rooms.Room;
import dev.onair.media.rooms.Rooms;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Viewers moved off a draining node make-before-break (docs/media.md, "Draining a node"):
 * a {@code move} signal gives the viewer a second subscription and offers it; the first
 * goes once the second has had time to play.
 */
@Component
public class Moves {

	private static final Logger log = LoggerFactory.getLogger(Moves.class);

	/**
	 * How long a moved viewer keeps its old subscription after the new one's media
	 * started: the client switches once the new one decoded a frame (a keyframe, 0.2–0.5
	 * s here), and drops the old one itself then.
	 */
	private static final Duration MOVE_OVERLAP = Duration.ofSeconds(3);

	private final Viewers viewers;

	private final Rooms rooms;

	private final Feeds feeds;

	private final VideoRoom videoRoom;

	private final Keyframes keyframes;

	private final Replies replies;

	private final JanusNodes nodes;

	private final Watching watching;

	Moves(Viewers viewers, Rooms rooms, Feeds feeds, VideoRoom videoRoom, Keyframes keyframes, Replies replies,
			JanusNodes nodes, Watching watching) {
		this.viewers = viewers;
		this.rooms = rooms;
		this.feeds = feeds;
		this.videoRoom = videoRoom;
		this.keyframes = keyframes;
		this.replies = replies;
		this.nodes = nodes;
		this.watching = watching;
	}

	/**
	 * Moves the viewer make-before-break (its node is draining): a second subscription
	 * where placement puts it (never on a draining node) is offered to the client, which
	 * keeps playing the first until the second decodes; the first is dropped
	 * {@link #MOVE_OVERLAP} after the second's media started. A viewer with nowhere to go
	 * stays where it is, and so does one already moving.
	 */
	public void move(SignalToMedia.Move signal) {
		Viewer viewer = this.viewers.find(signal.room(), signal.session()).orElse(null);
		Room room = this.rooms.findOrTakeOver(signal.room())
			.filter((candidate) -> candidate.feed() != null)
			.orElse(null);
		if (viewer == null || room == null || viewer.movedFrom() != null || viewer.videoMid() == null) {
			return;
		}
		Feeds.Feed feed;
		try {
			feed = this.feeds.reserve(room);
		}
		catch (MediaRefusal ex) {
			log.info("Viewer {} of room {} stays on {}: {}", viewer.session(), room.id(), viewer.node(),
					ex.getMessage());
			return;
		}
		Viewer.Subscription target = new Viewer.Subscription(feed.node().id(), feed.janusSession(), 0);
		if (target.node().equals(viewer.node())) {
			// The node was undrained meanwhile.
			this.feeds.giveBack(target.node());
			return;
		}
		VideoRoom.Subscribed subscribed;
		try {
			JanusHandle handle = this.videoRoom.attach(feed.node(), feed.janusSession());
			target = new Viewer.Subscription(target.node(), handle.session(), handle.handle());
			subscribed = this.videoRoom.subscribe(handle, room.id(), feed.feed());
		}
		catch (RuntimeException ex) {
			log.warn("Viewer {} of room {} not moved off {}: {}", viewer.session(), room.id(), viewer.node(),
					ex.getMessage());
			this.watching.drop(target);
			return;
		}
		this.viewers.remove(viewer);
		this.keyframes.forget(viewer);
		Viewer moved = new Viewer(room.id(), viewer.session(), target.node(), target.janusSession(), target.handle(),
				subscribed.videoMid(), viewer.quality(), room.layers().getFirst(), viewer.slowAt(),
				viewer.subscription());
		moved = this.watching.switchTo(moved, room, viewer.quality(), viewer.layer(), false);
		this.replies.offer(room.id(), viewer.session(), subscribed.offer());
		log.info("Viewer {} of room {} moving from {} to {}", viewer.session(), room.id(), viewer.node(), moved.node());
	}

	/**
	 * Sessions of the room's viewers subscribed on the node that can move: a WHEP player
	 * takes no second offer, so it stays until the node goes and then watches again.
	 */
	public List<String> viewersOn(String room, String node) {
		return this.viewers.inRoom(room)
			.stream()
			.filter((viewer) -> viewer.node().equals(node))
			.filter((viewer) -> !viewer.session().startsWith(SignalToMedia.WHEP_SESSION_PREFIX))
			.map(Viewer::session)
			.toList();
	}

	/**
	 * On {@code janus-events}, which must not wait: a moved viewer's new subscription
	 * started, so its old one is dropped {@link #MOVE_OVERLAP} later, on
	 * {@code janus-followup}.
	 */
	@EventListener
	void on(JanusEvent event) {
		if (!event.kind().equals("webrtcup")) {
			return;
		}
		this.viewers.byHandle(event.node().id(), event.handle())
			.filter((viewer) -> viewer.movedFrom() != null)
			.ifPresent((viewer) -> this.nodes.followUpAfter(MOVE_OVERLAP.toMillis(), TimeUnit.MILLISECONDS,
					() -> this.viewers.byHandle(event.node().id(), event.handle()).ifPresent(this::moved)));
	}

	/** The moved viewer's old subscription goes: the client plays the new one by now. */
	private void moved(Viewer viewer) {
		if (viewer.movedFrom() == null) {
			return;
		}
		this.watching.drop(viewer.movedFrom());
		this.viewers.save(viewer.withoutMovedFrom());
	}

}
