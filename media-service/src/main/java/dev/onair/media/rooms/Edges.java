package dev.onair.media.rooms;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.signal.MediaError;
import dev.onair.media.MediaKeys;
import dev.onair.media.janus.JanusException;
import dev.onair.media.janus.JanusHandle;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.replies.MediaRefusal;

import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The origin → edge cascade of rooms (docs/media.md, "Cascade"): brings a room to another
 * Janus node with a VideoRoom remote publisher there and {@code publish_remotely} on the
 * origin, and takes it away again. State in Redis ({@code media:edges:<room>}) and, for
 * the rooms this instance owns, in memory, where keepalives read it without waiting.
 * Called from listener threads and {@code janus-followup}: it waits on Janus and Redis.
 */
@Component
public class Edges {

	private static final Logger log = LoggerFactory.getLogger(Edges.class);

	/** Owned rooms' edges: room → node → edge. */
	private final Map<String, Map<String, Edge>> local = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final VideoRoom videoRoom;

	Edges(StringRedisTemplate redis, JsonMapper json, VideoRoom videoRoom) {
		this.redis = redis;
		this.json = json;
		this.videoRoom = videoRoom;
	}

	/** The room's edges, from memory for an owned room. */
	public List<Edge> of(String room) {
		Map<String, Edge> edges = this.local.get(room);
		if (edges != null) {
			return List.copyOf(edges.values());
		}
		return stored(room);
	}

	/** Nodes the room was cascaded to. */
	public List<String> nodesOf(String room) {
		return of(room).stream().map(Edge::node).toList();
	}

	/** Edges of the rooms this instance owns, from memory only (for keepalives). */
	public List<Edge> owned() {
		return this.local.values().stream().flatMap((edges) -> edges.values().stream()).toList();
	}

	/**
	 * Brings the room to {@code node}: a Janus session and the room there, a remote
	 * publisher mirroring the origin's tracks, and the origin's publisher forwarded to
	 * it. Undone as far as it got when a step fails.
	 */
	public Edge bring(Room room, JanusNode node) {
		JanusNode origin = this.videoRoom.liveNode(room.node());
		if (origin == null) {
			throw new MediaRefusal(MediaError.NODE_DOWN, "The media server of this room is down; watch again");
		}
		if (room.tracks() == null || room.feed() == null) {
			throw new MediaRefusal(MediaError.UNAVAILABLE, "The room cannot be cascaded yet; retry");
		}
		JanusHandle handle = this.videoRoom.open(node);
		// Unique per cascade: a forward the origin failed to drop must not block the next
		// one.
		String remoteId = "edge-" + node.host() + "-" + handle.handle();
		VideoRoom.RemotePublisher remote = null;
		try {
			this.videoRoom.createRoom(handle, room.id());
			remote = this.videoRoom.addRemotePublisher(handle, room.id(), "origin " + origin.host(), room.tracks());
			this.videoRoom.publishRemotely(new JanusHandle(origin, room.janusSession(), room.handle()), room.id(),
					room.feed(), remoteId, node.host(), remote);
		}
		catch (RuntimeException ex) {
			destroyQuietly(handle, room.id());
			throw ex;
		}
		Edge edge = new Edge(room.id(), node.id(), handle.session(), handle.handle(), remote.feed(), remoteId);
		save(edge);
		log.info("Room {} cascaded from {} to {}", room.id(), origin.id(), node.id());
		return edge;
	}

	/** Stops forwarding to the edge and tears the room down there (e.g. it idled). */
	public void release(Room room, Edge edge) {
		JanusNode origin = this.videoRoom.liveNode(room.node());
		if (origin != null && room.handle() != 0 && room.feed() != null) {
			try {
				this.videoRoom.unpublishRemotely(new JanusHandle(origin, room.janusSession(), room.handle()), room.id(),
						room.feed(), edge.remoteId());
			}
			catch (JanusException ex) {
				log.debug("Forward of room {} to {} was already gone: {}", room.id(), edge.node(), ex.getMessage());
			}
		}
		JanusNode node = this.videoRoom.liveNode(edge.node());
		if (node != null) {
			destroyQuietly(new JanusHandle(node, edge.janusSession(), edge.handle()), room.id());
		}
		forget(edge);
		log.info("Room {} released from edge {}", room.id(), edge.node());
	}

	/** Every edge of the room goes (its publisher or origin is gone). */
	public void releaseAll(Room room) {
		of(room.id()).forEach((edge) -> release(room, edge));
		this.redis.delete(MediaKeys.edges(room.id()));
		this.local.remove(room.id());
	}

	/** The edge's node is gone: only the state goes. */
	public void forget(Edge edge) {
		Map<String, Edge> edges = this.local.get(edge.room());
		if (edges != null) {
			edges.remove(edge.node());
		}
		this.redis.opsForHash().delete(MediaKeys.edges(edge.room()), edge.node());
	}

	/**
	 * A room this instance took over brings its edges' Janus sessions along; one it gave
	 * up leaves them to the new owner.
	 */
	@EventListener
	void on(RoomOwnership ownership) {
		if (!ownership.owned()) {
			Map<String, Edge> handedOver = this.local.remove(ownership.room());
			if (handedOver != null) {
				handedOver.values().forEach((edge) -> this.videoRoom.keepForClaim(edge.node(), edge.janusSession()));
			}
			return;
		}
		for (Edge edge : stored(ownership.room())) {
			JanusNode node = this.videoRoom.liveNode(edge.node());
			if (node == null) {
				forget(edge);
				continue;
			}
			try {
				this.videoRoom.claim(node, edge.janusSession());
				this.local.computeIfAbsent(edge.room(), (room) -> new ConcurrentHashMap<>()).put(edge.node(), edge);
			}
			catch (JanusException ex) {
				log.warn("Edge {} of room {} cannot be taken over ({}); forgetting it", edge.node(), edge.room(),
						ex.getMessage());
				forget(edge);
			}
		}
	}

	private void save(Edge edge) {
		this.local.computeIfAbsent(edge.room(), (room) -> new ConcurrentHashMap<>()).put(edge.node(), edge);
		this.redis.opsForHash().put(MediaKeys.edges(edge.room()), edge.node(), this.json.writeValueAsString(edge));
		this.redis.expire(MediaKeys.edges(edge.room()), MediaKeys.STATE_TTL);
	}

	private List<Edge> stored(String room) {
		return this.redis.opsForHash()
			.values(MediaKeys.edges(room))
			.stream()
			.map((value) -> this.json.readValue(value.toString(), Edge.class))
			.toList();
	}

	private void destroyQuietly(JanusHandle handle, String room) {
		try {
			this.videoRoom.destroyRoom(handle, room);
		}
		catch (JanusException ex) {
			log.debug("Room {} on {} was already gone: {}", room, handle.node().id(), ex.getMessage());
		}
		try {
			this.videoRoom.destroySession(handle.node(), handle.session());
		}
		catch (JanusException ex) {
			log.debug("Session {} on {} was already gone: {}", handle.session(), handle.node().id(), ex.getMessage());
		}
	}

}
