package dev.onair.media.viewers;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.onair.contract.signal.MediaError;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.contract.ws.Quality;
import dev.onair.media.janus.JanusEvent;
import dev.onair.media.janus.JanusException;
import dev.onair.media.janus.JanusHandle;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;
import dev.onair.media.rooms.EdgeLost;
import dev.onair.media.rooms.Room;
import dev.onair.media.rooms.RoomChanged;
import dev.onair.media.rooms.RoomOwnership;
import dev.onair.media.rooms.Rooms;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Viewers' subscriptions: {@code watch} attaches a subscriber handle to the publisher's
 * feed and sends Janus's offer, {@code answer} starts the media, {@code quality} picks
 * the simulcast layer. Janus substream 0 is 480p ({@code l}), 1 is 720p ({@code h}).
 */
@Component
public class Watching {

	private static final Logger log = LoggerFactory.getLogger(Watching.class);

	/** Janus VideoRoom: the feed does not exist or its media has not started yet. */
	private static final int NO_SUCH_FEED = 428;

	private final Rooms rooms;

	private final Viewers viewers;

	private final VideoRoom videoRoom;

	private final Replies replies;

	private final JanusNodes nodes;

	private final Keyframes keyframes;

	private final Feeds feeds;

	Watching(Rooms rooms, Viewers viewers, VideoRoom videoRoom, Replies replies, JanusNodes nodes, Keyframes keyframes,
			Feeds feeds) {
		this.feeds = feeds;
		this.rooms = rooms;
		this.viewers = viewers;
		this.videoRoom = videoRoom;
		this.replies = replies;
		this.nodes = nodes;
		this.keyframes = keyframes;
	}

	public void watch(SignalToMedia.Watch signal) {
		String quality = quality(signal.quality() == null ? Quality.AUTO : signal.quality());
		Room room = this.rooms.findOrTakeOver(signal.room())
			.filter((candidate) -> candidate.feed() != null)
			.orElseThrow(() -> notLive(signal, "Nobody publishes in this room yet; retry"));
		this.viewers.find(signal.room(), signal.session()).ifPresent(this::release);
		Feeds.Feed feed = this.feeds.reserve(room);
		JanusHandle handle;
		try {
			handle = this.videoRoom.attach(feed.node(), feed.janusSession());
		}
		catch (RuntimeException ex) {
			this.feeds.giveBack(feed.node().id());
			throw ex;
		}
		// From here on the viewer is saved, and release() gives its place back.
		Viewer viewer = new Viewer(room.id(), signal.session(), feed.node().id(), handle.session(), handle.handle(),
				null, quality, room.layers().getFirst(), 0, null);
		this.viewers.save(viewer);
		try {
			VideoRoom.Subscribed subscribed = this.videoRoom.subscribe(handle, room.id(), feed.feed());
			viewer = new Viewer(viewer.room(), viewer.session(), viewer.node(), viewer.janusSession(), viewer.handle(),
					subscribed.videoMid(), quality, viewer.layer(), 0, null);
			viewer = switchTo(viewer, room, quality, layerFor(quality, room), false);
			this.replies.offer(room.id(), signal.session(), subscribed.offer());
		}
		catch (JanusException ex) {
			release(viewer);
			if (ex.code() == NO_SUCH_FEED) {
				throw notLive(signal, "The publisher's media has not started yet; retry");
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			release(viewer);
			throw ex;
		}
		this.rooms.stopWaiting(room.id(), signal.session());
		this.replies.layer(room.id(), signal.session(), viewer.layer(), room.layers());
	}

	public void answer(SignalToMedia.Answer signal) {
		Viewer viewer = viewer(signal);
		try {
			this.videoRoom.start(handle(viewer), signal.sdp());
		}
		catch (JanusException ex) {
			if (ex.code() == 0) {
				throw ex;
			}
			throw new MediaRefusal(MediaError.ANSWER_REJECTED,
					"The media server refused the answer: " + ex.getMessage());
		}
	}

	public void ice(SignalToMedia.Ice signal) {
		this.videoRoom.trickle(handle(viewer(signal)), signal.candidate());
	}

	public void quality(SignalToMedia.Quality signal) {
		String quality = quality(signal.quality());
		Viewer viewer = viewer(signal);
		Room room = this.rooms.findOrTakeOver(signal.room())
			.orElseThrow(() -> new MediaRefusal(MediaError.NOT_LIVE, "Nobody publishes in this room"));
		String layer = quality.equals(Quality.AUTO) ? viewer.layer() : layerFor(quality, room);
		viewer = switchTo(viewer.with(quality, viewer.layer(), viewer.slowAt()), room, quality, layer);
		this.replies.layer(room.id(), viewer.session(), viewer.layer(), room.layers());
	}

	/** The viewer stops watching (or left the room): its handle goes. */
	public void unwatch(SignalToMedia signal) {
		this.viewers.find(signal.room(), signal.session()).ifPresent(this::release);
	}

	/**
	 * Moves the viewer to {@code layer} if the publisher sends it and it is not already
	 * there; returns the viewer as saved.
	 */
	Viewer switchTo(Viewer viewer, Room room, String quality, String layer) {
		return switchTo(viewer, room, quality, layer, true);
	}

	/**
	 * {@code playing}: the viewer's media runs, so a switch that Janus does not confirm
	 * soon gets a keyframe request ({@link Keyframes}); a new subscription gets its
	 * keyframe when its media starts.
	 */
	Viewer switchTo(Viewer viewer, Room room, String quality, String layer, boolean playing) {
		Viewer next = viewer.with(quality, viewer.layer(), viewer.slowAt());
		if (room.simulcast() && !layer.equals(viewer.layer()) && viewer.videoMid() != null) {
			int substream = layer.equals(Quality.LOW) ? 0 : 1;
			this.videoRoom.substream(handle(viewer), viewer.videoMid(), substream);
			if (playing) {
				this.keyframes.switched(room, viewer, substream);
			}
			next = next.with(quality, layer, viewer.slowAt());
		}
		this.viewers.save(next);
		return next;
	}

	/**
	 * On {@code janus-events}, which must not wait: a candidate is queued for the viewer
	 * at once; a slow link changes Redis state and maybe the layer in Janus, so it
	 * follows up.
	 */
	@EventListener
	void on(JanusEvent event) {
		Viewer viewer = this.viewers.byHandle(event.node().id(), event.handle()).orElse(null);
		if (viewer == null) {
			return;
		}
		switch (event.kind()) {
			case "trickle" -> this.replies.ice(viewer.room(), viewer.session(), event.candidate());
			case "slowlink" -> this.nodes
				.followUp(() -> this.viewers.byHandle(event.node().id(), event.handle()).ifPresent(this::slow));
			case "webrtcup" -> this.rooms.find(viewer.room()).ifPresent((room) -> this.keyframes.started(room, viewer));
			case "hangup" -> {
				// A WebSocket client watches again by itself; a WHEP player has nobody
				// else to tell that it left.
				if (viewer.session().startsWith(SignalToMedia.WHEP_SESSION_PREFIX)) {
					this.nodes.followUp(
							() -> this.viewers.byHandle(event.node().id(), event.handle()).ifPresent(this::hungUp));
				}
			}
			case "event" -> {
				JsonNode substream = event.body().path("plugindata").path("data").path("substream");
				if (substream.isNumber()) {
					this.keyframes.confirmed(event.node().id(), event.handle(), substream.asInt());
				}
			}
			default -> {
			}
		}
	}

	@EventListener
	void on(RoomChanged change) {
		List<Viewer> affected = this.viewers.inRoom(change.room());
		if (change.closed()) {
			for (Viewer viewer : affected) {
				this.keyframes.forget(viewer);
				if (this.videoRoom.liveNode(viewer.node()) != null) {
					this.feeds.giveBack(viewer.node());
				}
				if (viewer.movedFrom() != null && this.videoRoom.liveNode(viewer.movedFrom().node()) != null) {
					this.feeds.giveBack(viewer.movedFrom().node());
				}
			}
			this.viewers.removeRoom(change.room());
			return;
		}
		for (Viewer viewer : affected) {
			release(viewer);
			this.replies.error(viewer.room(), viewer.session(), MediaError.PUBLISHER_RESTARTED,
					"The publisher started over; watch again");
		}
	}

	/**
	 * The viewers on a node the room was cascaded to that went down: their places went
	 * with it, and they watch again (placed on a node that is up).
	 */
	@EventListener
	void on(EdgeLost lost) {
		this.feeds.nodeLost(lost.node());
		for (Viewer viewer : this.viewers.inRoom(lost.room())) {
			if (viewer.node().equals(lost.node())) {
				this.viewers.remove(viewer);
				this.keyframes.forget(viewer);
				this.replies.error(viewer.room(), viewer.session(), MediaError.NODE_DOWN,
						"The media server you watched from went down; watch again");
			}
		}
	}

	@EventListener
	void on(RoomOwnership ownership) {
		if (ownership.owned()) {
			this.viewers.adoptRoom(ownership.room());
		}
		else {
			this.viewers.forgetRoom(ownership.room());
		}
	}

	/** The subscription goes, and the gateway that counts it is told. */
	private void hungUp(Viewer viewer) {
		log.info("WHEP player hung up room={} session={}", viewer.room(), viewer.session());
		release(viewer);
		this.replies.error(viewer.room(), viewer.session(), MediaError.HUNG_UP, "The player's media connection closed");
	}

	/** Auto steps down at once when Janus reports losses towards the viewer. */
	private void slow(Viewer viewer) {
		Viewer noted = viewer.with(viewer.quality(), viewer.layer(), System.currentTimeMillis());
		if (!viewer.quality().equals(Quality.AUTO) || viewer.layer().equals(Quality.LOW)) {
			this.viewers.save(noted);
			return;
		}
		this.rooms.findOrTakeOver(viewer.room()).filter(Room::simulcast).ifPresent((room) -> {
			Viewer lowered = switchTo(noted, room, Quality.AUTO, Quality.LOW);
			this.replies.layer(room.id(), viewer.session(), lowered.layer(), room.layers());
		});
	}

	private Viewer viewer(SignalToMedia signal) {
		return this.viewers.find(signal.room(), signal.session())
			.orElseThrow(() -> new MediaRefusal(MediaError.NO_SUBSCRIPTION,
					"This session does not watch the room; send watch first"));
	}

	private JanusHandle handle(Viewer viewer) {
		JanusNode node = this.videoRoom.liveNode(viewer.node());
		if (node == null) {
			throw new MediaRefusal(MediaError.NODE_DOWN, "The media server of this room is down; watch again");
		}
		return new JanusHandle(node, viewer.janusSession(), viewer.handle());
	}

	private void release(Viewer viewer) {
		this.viewers.remove(viewer);
		this.keyframes.forget(viewer);
		drop(viewer.subscription());
		if (viewer.movedFrom() != null) {
			drop(viewer.movedFrom());
		}
	}

	/** Detaches the subscriber handle and gives its place on the node back. */
	void drop(Viewer.Subscription subscription) {
		JanusNode node = this.videoRoom.liveNode(subscription.node());
		if (node == null) {
			// Its count went with the node (EdgeLost, NodeDown).
			return;
		}
		this.feeds.giveBack(subscription.node());
		if (subscription.handle() == 0) {
			return;
		}
		// Not waited for: the node may have just stopped answering (a viewer
		// re-subscribing because its frames stopped), and the room's next signals must
		// not wait 5 s.
		this.videoRoom.detachLater(new JanusHandle(node, subscription.janusSession(), subscription.handle()))
			.whenComplete((ack, ex) -> {
				if (ex != null) {
					log.debug("Subscriber handle {} was already gone: {}", subscription.handle(), ex.getMessage());
				}
			});
	}

	/** The refusal, and the viewer noted as waiting for the publisher's media. */
	private MediaRefusal notLive(SignalToMedia signal, String message) {
		this.rooms.waitFor(signal.room(), signal.session());
		return new MediaRefusal(MediaError.NOT_LIVE, message);
	}

	private static String layerFor(String quality, Room room) {
		return (quality.equals(Quality.LOW) && room.simulcast()) ? Quality.LOW : room.layers().getFirst();
	}

	private static String quality(String quality) {
		if (!Quality.isChoice(quality)) {
			throw new MediaRefusal("field.invalid", "quality must be " + Quality.CHOICES_TEXT);
		}
		return quality;
	}

}
