package dev.onair.media.viewers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.media.MediaKeys;
import dev.onair.media.janus.JanusNodes;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Viewer state: in memory for the rooms this instance owns (indexed by handle for Janus
 * events), in Redis for a takeover. The room's Janus session is claimed by {@code Rooms},
 * which carries the subscriber handles with it.
 */
@Component
class Viewers {

	private final Map<String, Viewer> byHandle = new ConcurrentHashMap<>();

	private final Map<String, Viewer> bySession = new ConcurrentHashMap<>();

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	/**
	 * The subscriber gauge per Janus node counts this instance's viewers; summed over the
	 * instances it is the node's load (the dashboard's Janus panel).
	 */
	Viewers(StringRedisTemplate redis, JsonMapper json, JanusNodes nodes, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		nodes.all()
			.forEach((node) -> Gauge.builder("onair.media.janus.node.subscribers", this.bySession,
					(viewers) -> viewers.values().stream().filter((viewer) -> viewer.node().equals(node.id())).count())
				.description("Viewers this instance subscribed on the Janus node")
				.tag("node", node.id())
				.register(meters));
	}

	Optional<Viewer> find(String room, String session) {
		Viewer viewer = this.bySession.get(room + "/" + session);
		if (viewer != null) {
			return Optional.of(viewer);
		}
		Object stored = this.redis.opsForHash().get(MediaKeys.viewers(room), session);
		if (stored == null) {
			return Optional.empty();
		}
		viewer = this.json.readValue(stored.toString(), Viewer.class);
		index(viewer);
		return Optional.of(viewer);
	}

	Optional<Viewer> byHandle(String node, long handle) {
		return Optional.ofNullable(this.byHandle.get(node + "#" + handle));
	}

	void save(Viewer viewer) {
		index(viewer);
		this.redis.opsForHash()
			.put(MediaKeys.viewers(viewer.room()), viewer.session(), this.json.writeValueAsString(viewer));
		this.redis.expire(MediaKeys.viewers(viewer.room()), MediaKeys.STATE_TTL);
	}

	void remove(Viewer viewer) {
		this.byHandle.remove(viewer.node() + "#" + viewer.handle());
		this.bySession.remove(viewer.room() + "/" + viewer.session());
		this.redis.opsForHash().delete(MediaKeys.viewers(viewer.room()), viewer.session());
	}

	/** Every viewer of the room, the ones only in Redis included. */
	List<Viewer> inRoom(String room) {
		return this.redis.opsForHash()
			.values(MediaKeys.viewers(room))
			.stream()
			.map((stored) -> this.json.readValue(stored.toString(), Viewer.class))
			.toList();
	}

	/**
	 * Indexes the room's viewers from Redis: Janus now sends their handles' events here.
	 */
	void adoptRoom(String room) {
		inRoom(room).forEach(this::index);
	}

	/** Drops the room's viewers from memory only: another instance owns the room now. */
	void forgetRoom(String room) {
		this.bySession.values().removeIf((viewer) -> viewer.room().equals(room));
		this.byHandle.values().removeIf((viewer) -> viewer.room().equals(room));
	}

	/** Forgets the room's viewers: their handles went with the room. */
	void removeRoom(String room) {
		inRoom(room).forEach((viewer) -> {
			this.byHandle.remove(viewer.node() + "#" + viewer.handle());
			this.bySession.remove(viewer.room() + "/" + viewer.session());
		});
		this.redis.delete(MediaKeys.viewers(room));
	}

	Collection<Viewer> local() {
		return this.bySession.values();
	}

	private void index(Viewer viewer) {
		this.byHandle.put(viewer.node() + "#" + viewer.handle(), viewer);
		this.bySession.put(viewer.room() + "/" + viewer.session(), viewer);
	}

}
