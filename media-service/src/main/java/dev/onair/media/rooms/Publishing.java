package dev.onair.media.rooms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.MediaError;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.media.janus.JanusEvent;
import dev.onair.media.janus.JanusException;
import dev.onair.media.janus.JanusHandle;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.placement.Placement;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A room's publisher: its offer becomes a Janus VideoRoom publisher, Janus's answer and
 * candidates go back to it, and the media events of its handle become
 * {@code PublisherEvent}s. Called from the room partition's Kafka listener thread, so one
 * room's signals are handled in order.
 */
@Component
public class Publishing {

	private static final Logger log = LoggerFactory.getLogger(Publishing.class);

	private final Rooms rooms;

	private final VideoRoom videoRoom;

	private final Placement placement;

	private final Replies replies;

	private final ApplicationEventPublisher events;

	private final JanusNodes nodes;

	private final Edges edges;

	Publishing(Rooms rooms, VideoRoom videoRoom, Placement placement, Replies replies, ApplicationEventPublisher events,
			JanusNodes nodes, Edges edges) {
		this.edges = edges;
		this.rooms = rooms;
		this.videoRoom = videoRoom;
		this.placement = placement;
		this.replies = replies;
		this.events = events;
		this.nodes = nodes;
	}

	public void publish(SignalToMedia.Publish signal) {
		requirePublisher(signal, "publish");
		PublisherOffer offer = PublisherOffer.check(signal.sdp());
		Room existing = this.rooms.findOrTakeOver(signal.room()).orElse(null);
		JanusHandle handle;
		if (existing != null) {
			JanusNode node = this.videoRoom.liveNode(existing.node());
			if (node == null) {
				throw new MediaRefusal(MediaError.NODE_DOWN, "The media server of this room is down; publish again");
			}
			// The edges forward the old publisher; viewers there watch again
			// (RoomChanged).
			this.edges.releaseAll(existing);
			if (existing.handle() != 0) {
				detachQuietly(new JanusHandle(node, existing.janusSession(), existing.handle()));
			}
			handle = this.videoRoom.attach(node, existing.janusSession());
		}
		else {
			JanusNode node = this.placement.placeRoom();
			handle = open(node, signal.room());
		}
		Room room = new Room(signal.room(), handle.node().id(), handle.session(), handle.handle(), signal.session(),
				null, offer.layers(), false, offer.tracks());
		this.rooms.save(room);
		VideoRoom.Published published;
		try {
			published = this.videoRoom.publish(handle, signal.room(), signal.session(), signal.sdp());
		}
		catch (JanusException ex) {
			detachQuietly(handle);
			this.rooms.save(room.withoutPublisher());
			if (ex.code() == 0) {
				throw ex;
			}
			throw new MediaRefusal(MediaError.OFFER_REJECTED, "The media server refused the offer: " + ex.getMessage());
		}
		this.rooms.save(room.withFeed(published.feed()));
		this.replies.answer(signal.room(), signal.session(), published.answer());
		if (existing != null && existing.feed() != null) {
			this.events.publishEvent(new RoomChanged(signal.room(), false));
		}
	}

	/** Trickles the publisher's candidate; {@code false} when the sender is not it. */
	public boolean ice(SignalToMedia.Ice signal) {
		Room room = this.rooms.findOrTakeOver(signal.room()).orElse(null);
		if (room == null || room.handle() == 0 || !signal.session().equals(room.publisher())) {
			return false;
		}
		this.videoRoom.trickle(handle(room), signal.candidate());
		return true;
	}

	/** The publisher stops: the room stays for a republish. */
	public void unpublish(SignalToMedia.Unpublish signal) {
		requirePublisher(signal, "unpublish");
		release(signal);
	}

	/** The session left the room: if it published there, as {@link #unpublish}. */
	public void left(SignalToMedia.Left signal) {
		release(signal);
	}

	private void release(SignalToMedia signal) {
		Room room = this.rooms.findOrTakeOver(signal.room()).orElse(null);
		if (room == null || room.handle() == 0 || !signal.session().equals(room.publisher())) {
			return;
		}
		this.edges.releaseAll(room);
		detachQuietly(handle(room));
		this.rooms.save(room.withoutPublisher());
		this.replies.publisher(room.id(), PublisherState.DISCONNECTED, room.publisher());
	}

	/** The broadcast ended: the Janus room and session go, viewers are told. */
	public void end(String id) {
		Room room = this.rooms.findOrTakeOver(id).orElse(null);
		if (room == null) {
			return;
		}
		this.edges.releaseAll(room);
		JanusNode node = this.videoRoom.liveNode(room.node());
		if (node != null) {
			try {
				this.videoRoom.destroyRoom(this.videoRoom.attach(node, room.janusSession()), id);
				this.videoRoom.destroySession(node, room.janusSession());
			}
			catch (JanusException ex) {
				log.warn("Janus did not tear room {} down cleanly: {}", id, ex.getMessage());
			}
		}
		this.rooms.remove(id);
		this.placement.release(room.node());
		this.events.publishEvent(new RoomChanged(id, true));
		this.replies.ended(id);
	}

	/**
	 * On {@code janus-events}, which must not wait: a candidate is queued for the
	 * publisher at once; a change of the room's state is saved to Redis, so it follows
	 * up.
	 */
	@EventListener
	void on(JanusEvent event) {
		Room room = this.rooms.byPublisherHandle(event.node().id(), event.handle()).orElse(null);
		if (room == null) {
			return;
		}
		switch (event.kind()) {
			case "trickle" -> this.replies.ice(room.id(), room.publisher(), event.candidate());
			case "media" -> {
				if (event.body().path("type").asString("").equals("video")) {
					boolean receiving = event.body().path("receiving").asBoolean();
					this.nodes.followUp(() -> live(event, receiving));
				}
			}
			case "hangup", "detached" -> this.nodes.followUp(() -> live(event, false));
			default -> {
			}
		}
	}

	private void live(JanusEvent event, boolean live) {
		// Looked up again: the publisher may have started over since the event came.
		this.rooms.byPublisherHandle(event.node().id(), event.handle()).ifPresent((room) -> live(room, live));
	}

	/**
	 * A room taken over from an instance that died may say the publisher is live when it
	 * is gone, or gone when it is back: Janus sent the events that changed it to the dead
	 * instance (seen in a drill: the publisher's video stalled for a moment, its
	 * {@code receiving: false} reached broadcast-service as {@code DISCONNECTED}, the
	 * {@code receiving: true} after it went to the instance being killed, and the
	 * broadcast ended after its grace with the publisher still sending). Janus's
	 * participant list says which it is now.
	 */
	@EventListener
	void on(RoomOwnership ownership) {
		if (ownership.owned()) {
			this.nodes.followUp(() -> reconcileLive(ownership.room()));
		}
	}

	private void reconcileLive(String id) {
		Room room = this.rooms.find(id).orElse(null);
		if (room == null || room.handle() == 0 || room.feed() == null) {
			return;
		}
		live(room, this.videoRoom.publishing(handle(room), room.id(), room.feed()));
	}

	private void live(Room room, boolean live) {
		if (room.live() == live) {
			return;
		}
		log.info("Publisher of room {} is {} (session {})", room.id(), live ? "live" : "gone", room.publisher());
		this.rooms.save(room.withLive(live));
		this.replies.publisher(room.id(), live ? PublisherState.CONNECTED : PublisherState.DISCONNECTED,
				room.publisher());
		if (live) {
			// Viewers refused while the publisher was away (its node died) watch again
			// now rather than after their back-off.
			for (String session : this.rooms.takeWaiting(room.id())) {
				this.replies.error(room.id(), session, MediaError.PUBLISHER_RESTARTED,
						"The publisher is back; watch again");
			}
		}
	}

	private JanusHandle open(JanusNode node, String room) {
		JanusHandle handle = this.videoRoom.open(node);
		try {
			this.videoRoom.createRoom(handle, room);
			return handle;
		}
		catch (JanusException ex) {
			this.placement.release(node.id());
			throw ex;
		}
	}

	private JanusHandle handle(Room room) {
		JanusNode node = this.videoRoom.liveNode(room.node());
		if (node == null) {
			throw new MediaRefusal(MediaError.NODE_DOWN, "The media server of this room is down");
		}
		return new JanusHandle(node, room.janusSession(), room.handle());
	}

	private void detachQuietly(JanusHandle handle) {
		try {
			this.videoRoom.detach(handle);
		}
		catch (JanusException ex) {
			log.debug("Handle {} was already gone: {}", handle.handle(), ex.getMessage());
		}
	}

	private static void requirePublisher(SignalToMedia signal, String request) {
		if (!"publisher".equals(signal.role())) {
			throw new MediaRefusal("room.publisher-only", "Only the room's publisher may " + request);
		}
	}

}
