package dev.onair.media.rooms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.MediaError;
import dev.onair.media.MediaKeys;
import dev.onair.media.janus.JanusException;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.VideoRoom;
import dev.onair.media.replies.Replies;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Room state: the rooms this instance owns in memory, every room in Redis. A room found
 * only in Redis belongs to an instance that died or gave up the room's partition; taking
 * it over means claiming its Janus session, after which Janus sends the room's events
 * (and expects the keepalives) here.
 */
@Component
public class Rooms {

	private static final Logger log = LoggerFactory.getLogger(Rooms.class);

	private final Map<String, Room> local = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final VideoRoom videoRoom;

	private final ApplicationEventPublisher events;

	private final Replies replies;

	Rooms(StringRedisTemplate redis, JsonMapper json, VideoRoom videoRoom, ApplicationEventPublisher events,
			Replies replies) {
		this.redis = redis;
		this.json = json;
		this.videoRoom = videoRoom;
		this.events = events;
		this.replies = replies;
	}

	/**
	 * The room, taken over from Redis if another instance held it (it died or gave up the
	 * room's partition): for the handlers of the room's signals, which this instance now
	 * receives. {@link #find} only looks.
	 */
	public Optional<Room> findOrTakeOver(String id) {
		Room room = this.local.get(id);
		if (room != null) {
			return Optional.of(room);
		}
		String stored = this.redis.opsForValue().get(MediaKeys.room(id));
		if (stored == null) {
			return Optional.empty();
		}
		Room taken = this.json.readValue(stored, Room.class);
		JanusNode node = this.videoRoom.liveNode(taken.node());
		if (node == null) {
			return lost(taken, "its node " + taken.node() + " is down");
		}
		try {
			this.videoRoom.claim(node, taken.janusSession());
		}
		catch (JanusException ex) {
			return lost(taken, ex.getMessage());
		}
		log.info("Took over room {} on {}", id, taken.node());
		this.local.put(id, taken);
		this.events.publishEvent(new RoomOwnership(id, true));
		return Optional.of(taken);
	}

	/**
	 * A room whose Janus session is gone (Janus destroyed it, or its node is down) has no
	 * publisher any more, whatever Redis says: broadcast-service hears
	 * {@code DISCONNECTED} (the broadcast ends after its grace unless the studio
	 * publishes again), and the room's clients {@code media.node-down}, on which they
	 * publish or watch again. Forgetting it silently left a broadcast LIVE with nobody
	 * publishing.
	 */
	private Optional<Room> lost(Room room, String why) {
		log.warn("Room {} cannot be taken over ({}); its publisher is gone", room.id(), why);
		remove(room.id());
		this.replies.error(room.id(), null, MediaError.NODE_DOWN,
				"The media server no longer holds this room; publish or watch again");
		if (room.publisher() != null) {
			this.replies.publisher(room.id(), PublisherState.DISCONNECTED, room.publisher());
		}
		return Optional.empty();
	}

	/**
	 * The room if this instance owns it, from memory only, no side effect: for threads
	 * that must not wait on Redis.
	 */
	public Optional<Room> find(String id) {
		return Optional.ofNullable(this.local.get(id));
	}

	/** The room as stored in Redis, whichever instance owns it; takes nothing over. */
	public Optional<Room> stored(String id) {
		return Optional.ofNullable(this.redis.opsForValue().get(MediaKeys.room(id)))
			.map((stored) -> this.json.readValue(stored, Room.class));
	}

	/** The session waits for the room's publisher (it was refused as not live). */
	public void waitFor(String id, String session) {
		this.redis.opsForSet().add(MediaKeys.waiting(id), session);
		this.redis.expire(MediaKeys.waiting(id), MediaKeys.WAITING_TTL);
	}

	/** The session watches: a later return of the publisher is not its business. */
	public void stopWaiting(String id, String session) {
		this.redis.opsForSet().remove(MediaKeys.waiting(id), session);
	}

	/**
	 * The sessions waiting for the room's publisher, forgotten as they are returned; not
	 * those that subscribed meanwhile (their retry came first), which a nudge would only
	 * make start over.
	 */
	Set<String> takeWaiting(String id) {
		Set<String> sessions = this.redis.opsForSet().members(MediaKeys.waiting(id));
		this.redis.delete(MediaKeys.waiting(id));
		if (sessions == null) {
			return Set.of();
		}
		return sessions.stream()
			.filter((session) -> !this.redis.opsForHash().hasKey(MediaKeys.viewers(id), session))
			.collect(Collectors.toSet());
	}

	/** Ids of every room in Redis, whichever instance owns it. */
	public List<String> stored() {
		List<String> ids = new ArrayList<>();
		ScanOptions scan = ScanOptions.scanOptions().match(MediaKeys.ROOM_PATTERN).count(500).build();
		try (Cursor<String> keys = this.redis.scan(scan)) {
			keys.forEachRemaining((key) -> ids.add(MediaKeys.roomOf(key)));
		}
		return ids;
	}

	/** Ids of the rooms this instance owns. */
	public List<String> owned() {
		return List.copyOf(this.local.keySet());
	}

	/**
	 * Forgets a room another instance now owns, leaving its state in Redis and its Janus
	 * session alive for that instance to claim.
	 */
	public void handOver(String id) {
		Room room = this.local.remove(id);
		if (room != null) {
			this.videoRoom.keepForClaim(room.node(), room.janusSession());
			log.info("Handed room {} over", id);
			this.events.publishEvent(new RoomOwnership(id, false));
		}
	}

	void save(Room room) {
		this.local.put(room.id(), room);
		this.redis.opsForValue()
			.set(MediaKeys.room(room.id()), this.json.writeValueAsString(room), MediaKeys.STATE_TTL);
	}

	void remove(String id) {
		this.local.remove(id);
		this.redis.delete(MediaKeys.room(id));
	}

	/** The local room whose publisher handle this is. */
	Optional<Room> byPublisherHandle(String node, long handle) {
		return this.local.values()
			.stream()
			.filter((room) -> room.handle() == handle && room.node().equals(node))
			.findFirst();
	}

	Collection<Room> local() {
		return this.local.values();
	}

}
