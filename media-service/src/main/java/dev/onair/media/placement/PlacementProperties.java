package dev.onair.media.placement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many viewers a Janus node takes and how long an idle edge stays.
 *
 * @param nodeCapacity subscribers per node ({@code MEDIA_NODE_CAPACITY}); 0 means
 * {@code viewersPerCore} × {@code nodeCores}. A node's entry in the Redis hash
 * {@code media:node-capacity} overrides it for that node.
 * @param viewersPerCore subscribers one Janus core forwards at 720p (docs/benchmarks.md)
 * @param nodeCores cores of a media node ({@code MEDIA_NODE_CORES}); Janus's host, not
 * media-service's
 * @param edgeLinger how long an edge without viewers keeps the room before it is released
 */
@ConfigurationProperties("onair.media.placement")
public record PlacementProperties(@DefaultValue("0") long nodeCapacity, @DefaultValue("400") long viewersPerCore,
		@DefaultValue("2") int nodeCores, @DefaultValue("30s") Duration edgeLinger) {

	/** The capacity of a node without its own entry in Redis. */
	public long defaultCapacity() {
		return (this.nodeCapacity > 0) ? this.nodeCapacity : this.viewersPerCore * this.nodeCores;
	}

}
