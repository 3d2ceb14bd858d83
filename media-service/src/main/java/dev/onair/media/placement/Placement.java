package dev.onair.media.placement;

import java.util.Comparator;
import java.util.Map;

import dev.onair.media.MediaKeys;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Picks the Janus node for a new room. The load figure (rooms per node) lives in Redis so
 * every media-service instance places against the same numbers.
 */
@Component
public class Placement {

	private final JanusNodes nodes;

	private final StringRedisTemplate redis;

	Placement(JanusNodes nodes, StringRedisTemplate redis) {
		this.nodes = nodes;
		this.redis = redis;
	}

	/** The least loaded node that is up, counted as carrying one more room. */
	public JanusNode placeRoom() {
		Map<Object, Object> load = this.redis.opsForHash().entries(MediaKeys.NODE_LOAD);
		JanusNode node = this.nodes.all()
			.stream()
			.filter(JanusNode::up)
			.min(Comparator.comparingLong((JanusNode candidate) -> count(load.get(candidate.id()))))
			.orElseThrow(() -> new MediaRefusal(Replies.UNAVAILABLE, "No media server is available; retry shortly"));
		this.redis.opsForHash().increment(MediaKeys.NODE_LOAD, node.id(), 1);
		return node;
	}

	/** The room left the node. */
	public void release(String nodeId) {
		this.redis.opsForHash().increment(MediaKeys.NODE_LOAD, nodeId, -1);
	}

	private static long count(Object value) {
		return (value == null) ? 0 : Long.parseLong(value.toString());
	}

}
