package dev.onair.media.rooms;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.media.MediaKeys;
import dev.onair.media.janus.JanusException;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.VideoRoom;

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

	Rooms(StringRedisTemplate redis, JsonMapper json, VideoRoom videoRoom) {
		this.redis = redis;
		this.json = json;
		this.videoRoom = videoRoom;
	}

	/** The room, taken over from Redis if another instance held it. */
	public Optional<Room> find(String id) {
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
			log.warn("Room {} cannot be taken over: its node {} is down; forgetting it", id, taken.node());
			remove(id);
			return Optional.empty();
		}
		try {
			this.videoRoom.claim(node, taken.janusSession());
		}
		catch (JanusException ex) {
			log.warn("Room {} cannot be taken over ({}); forgetting it", id, ex.getMessage());
			remove(id);
			return Optional.empty();
		}
		log.info("Took over room {} on {}", id, taken.node());
		this.local.put(id, taken);
		return Optional.of(taken);
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
