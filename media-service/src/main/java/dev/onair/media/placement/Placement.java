package dev.onair.media.placement;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.onair.contract.signal.MediaError;
import dev.onair.media.MediaKeys;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.replies.MediaRefusal;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Picks Janus nodes for rooms and viewers against loads kept in Redis, so every
 * media-service instance places against the same numbers: rooms per node (a new room's
 * origin) and viewers per node (capacity). Called from listener threads: it waits on
 * Redis.
 */
@Component
public class Placement {

	/**
	 * A node silent for longer (it is pinged every second) gets no new viewers, though it
	 * counts as down only after 3 s.
	 */
	private static final Duration ANSWERING = Duration.ofMillis(2000);

	private final JanusNodes nodes;

	private static final RedisScript<Long> DECREMENT = RedisScript.of("""
			local count = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
			if count > 0 then return redis.call('HINCRBY', KEYS[1], ARGV[1], -1) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final PlacementProperties properties;

	Placement(JanusNodes nodes, StringRedisTemplate redis, PlacementProperties properties) {
		this.nodes = nodes;
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * The least loaded node that is up and not draining, counted as carrying one more
	 * room.
	 */
	public JanusNode placeRoom() {
		Map<Object, Object> load = this.redis.opsForHash().entries(MediaKeys.NODE_LOAD);
		Set<String> draining = this.redis.opsForSet().members(MediaKeys.NODE_DRAINING);
		JanusNode node = this.nodes.all()
			.stream()
			.filter(JanusNode::up)
			.filter((candidate) -> draining == null || !draining.contains(candidate.id()))
			.min(Comparator.comparingLong((JanusNode candidate) -> count(load.get(candidate.id()))))
			.orElseThrow(() -> new MediaRefusal(MediaError.UNAVAILABLE, "No media server is available; retry shortly"));
		this.redis.opsForHash().increment(MediaKeys.NODE_LOAD, node.id(), 1);
		return node;
	}

	/** The room left the node. */
	public void release(String nodeId) {
		decrement(MediaKeys.NODE_LOAD, nodeId);
	}

	/**
	 * Reserves a place for one viewer of a room whose publisher is on {@code origin} and
	 * which was cascaded to {@code carrying}; {@link #viewerLeft} gives it back. Two
	 * instances placing at once cannot overfill a node: the count is incremented first
	 * and given back if it went over.
	 * @throws MediaRefusal {@code media.unavailable} when no node takes viewers
	 */
	public ViewerPlacement.Choice placeViewer(String origin, Collection<String> carrying) {
		for (int attempt = 0; attempt < 3; attempt++) {
			List<NodeLoad> loads = loads();
			ViewerPlacement.Choice choice = ViewerPlacement.choose(origin, carrying, loads)
				.orElseThrow(() -> new MediaRefusal(MediaError.UNAVAILABLE,
						"Every media server is full or down; retry shortly"));
			long capacity = loads.stream()
				.filter((load) -> load.node().equals(choice.node()))
				.findFirst()
				.map(NodeLoad::capacity)
				.orElse(0L);
			Long now = this.redis.opsForHash().increment(MediaKeys.NODE_VIEWERS, choice.node(), 1);
			if (now != null && now <= capacity) {
				return choice;
			}
			viewerLeft(choice.node());
		}
		throw new MediaRefusal(MediaError.UNAVAILABLE, "Every media server is full; retry shortly");
	}

	/** A viewer placed by {@link #placeViewer} is gone. */
	public void viewerLeft(String node) {
		decrement(MediaKeys.NODE_VIEWERS, node);
	}

	/**
	 * One less, never below 0: after Redis lost the counts (flushed, or restarted without
	 * its data) the rooms and viewers placed before still leave, and a negative count
	 * would let a node take more than its capacity.
	 */
	private void decrement(String counts, String node) {
		this.redis.execute(DECREMENT, List.of(counts), node);
	}

	/**
	 * Every viewer of the node is gone at once (it went down): its count starts over.
	 */
	public void nodeLost(String node) {
		this.redis.opsForHash().delete(MediaKeys.NODE_VIEWERS, node);
	}

	/** The node takes no new rooms or viewers until {@link #undrain}. */
	public void drain(String node) {
		this.redis.opsForSet().add(MediaKeys.NODE_DRAINING, node);
	}

	public void undrain(String node) {
		this.redis.opsForSet().remove(MediaKeys.NODE_DRAINING, node);
	}

	/** Every configured node's load as placement sees it now. */
	public List<NodeLoad> loads() {
		Map<Object, Object> viewers = this.redis.opsForHash().entries(MediaKeys.NODE_VIEWERS);
		Map<Object, Object> capacities = this.redis.opsForHash().entries(MediaKeys.NODE_CAPACITY);
		Set<String> draining = this.redis.opsForSet().members(MediaKeys.NODE_DRAINING);
		return this.nodes.all()
			.stream()
			.map((node) -> new NodeLoad(node.id(), node.answering(ANSWERING),
					draining != null && draining.contains(node.id()), count(viewers.get(node.id())),
					capacity(capacities.get(node.id()))))
			.toList();
	}

	private long capacity(Object override) {
		return (override == null) ? this.properties.defaultCapacity() : Long.parseLong(override.toString());
	}

	private static long count(Object value) {
		return (value == null) ? 0 : Math.max(0, Long.parseLong(value.toString()));
	}

}
