package dev.onair.media.placement;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a viewer of a room goes, decided from the nodes' loads alone (no I/O, so it can
 * be simulated at scale in tests).
 * <ol>
 * <li>A node that already carries the room (its origin, or an edge it was cascaded to)
 * and takes viewers: the one with the most free places, so a room's viewers spread over
 * the nodes it already has before it costs another cascade.</li>
 * <li>Otherwise a node that takes viewers and does not carry the room yet, the one with
 * the most free places: the room is cascaded there from its origin.</li>
 * <li>Otherwise none: every node is full, down or draining, or the origin is down (there
 * is no media to watch until the publisher comes back).</li>
 * </ol>
 * The tree is one level deep: Janus 1.1.2 forwards only a local publisher to another node
 * ({@code publish_remotely} refuses a remote one), so every edge is fed by the origin.
 * One forward costs the origin about 2.3 Mbps (both layers), so an origin with a 10 Gbps
 * link feeds thousands of edges; see docs/operations.md for the sizing.
 */
public final class ViewerPlacement {

	private ViewerPlacement() {
	}

	/**
	 * @param origin the node with the room's publisher
	 * @param carrying the nodes the room was cascaded to (edges)
	 * @param nodes every node's load
	 * @return the node, and whether the room must first be cascaded there; empty when no
	 * node takes viewers
	 */
	public static Optional<Choice> choose(String origin, Collection<String> carrying, List<NodeLoad> nodes) {
		if (nodes.stream().noneMatch((node) -> node.node().equals(origin) && node.up())) {
			// No origin, no media anywhere: the publisher has to come back first.
			return Optional.empty();
		}
		Comparator<NodeLoad> mostFree = Comparator.comparingLong(NodeLoad::free)
			.reversed()
			.thenComparing(NodeLoad::node);
		Optional<NodeLoad> present = nodes.stream()
			.filter(NodeLoad::takesViewers)
			.filter((node) -> node.node().equals(origin) || carrying.contains(node.node()))
			.min(mostFree);
		if (present.isPresent()) {
			return Optional.of(new Choice(present.get().node(), false));
		}
		return nodes.stream()
			.filter(NodeLoad::takesViewers)
			.filter((node) -> !node.node().equals(origin) && !carrying.contains(node.node()))
			.min(mostFree)
			.map((node) -> new Choice(node.node(), true));
	}

	/**
	 * @param node where the viewer goes
	 * @param cascade whether the room must be brought to it from the origin first
	 */
	public record Choice(String node, boolean cascade) {
	}

}
