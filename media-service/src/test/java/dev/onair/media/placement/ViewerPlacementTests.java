package dev.onair.media.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement simulated at scale: one broadcast's viewers over many nodes, with the loads
 * kept the way Redis keeps them.
 */
class ViewerPlacementTests {

	private static final int NODES = 50;

	private static final long CAPACITY = 250;

	private final Cluster cluster = new Cluster(NODES, CAPACITY);

	@Test
	void tenThousandJoinsOverFiftyNodesStayWithinCapacityInATreeOfDepthOne() {
		for (int viewer = 0; viewer < 10_000; viewer++) {
			assertThat(this.cluster.join("v" + viewer)).as("viewer %d is placed", viewer).isTrue();
		}
		this.cluster.viewersPerNode()
			.forEach((node, viewers) -> assertThat(viewers).as("viewers on %s", node).isLessThanOrEqualTo(CAPACITY));
		assertThat(this.cluster.placed()).hasSize(10_000);
		// A room fills the nodes it has before it costs another cascade: ceil(10,000 /
		// 250).
		assertThat(this.cluster.nodesCarrying()).hasSize(40);
		assertThat(this.cluster.depth()).as("every edge is fed by the origin").isEqualTo(1);
	}

	@Test
	void losingAnEdgeRePlacesOnlyItsViewers() {
		for (int viewer = 0; viewer < 10_000; viewer++) {
			this.cluster.join("v" + viewer);
		}
		Map<String, String> before = new HashMap<>(this.cluster.placed());
		String lost = "n17";
		List<String> onLost = before.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(lost))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(onLost).isNotEmpty();

		this.cluster.lose(lost);
		onLost.forEach((viewer) -> assertThat(this.cluster.join(viewer)).isTrue());

		Map<String, String> after = this.cluster.placed();
		for (Map.Entry<String, String> entry : before.entrySet()) {
			if (entry.getValue().equals(lost)) {
				assertThat(after.get(entry.getKey())).as("re-placed viewer").isNotEqualTo(lost);
			}
			else {
				assertThat(after.get(entry.getKey())).as("viewer %s stays", entry.getKey()).isEqualTo(entry.getValue());
			}
		}
		this.cluster.viewersPerNode()
			.forEach((node, viewers) -> assertThat(viewers).as("viewers on %s", node).isLessThanOrEqualTo(CAPACITY));
		assertThat(this.cluster.depth()).isEqualTo(1);
	}

	@Test
	void aFullClusterRefusesTheNextViewer() {
		for (int viewer = 0; viewer < NODES * CAPACITY; viewer++) {
			assertThat(this.cluster.join("v" + viewer)).isTrue();
		}
		assertThat(this.cluster.join("one too many")).isFalse();
	}

	@Test
	void aDrainingNodeTakesNoViewers() {
		this.cluster.drain("n01");
		for (int viewer = 0; viewer < 1_000; viewer++) {
			this.cluster.join("v" + viewer);
		}
		assertThat(this.cluster.viewersPerNode()).doesNotContainKey("n01");
	}

	@Test
	void withoutItsOriginARoomTakesNoViewers() {
		for (int viewer = 0; viewer < 300; viewer++) {
			this.cluster.join("v" + viewer);
		}
		this.cluster.lose("n00");
		assertThat(this.cluster.join("late")).isFalse();
	}

	@Test
	void sixViewersOnThreeNodesOfTwoPlacesEachUseThemAll() {
		Cluster small = new Cluster(3, 2);
		for (int viewer = 0; viewer < 6; viewer++) {
			assertThat(small.join("v" + viewer)).isTrue();
		}
		assertThat(small.viewersPerNode()).containsOnlyKeys("n00", "n01", "n02").allSatisfy((node, viewers) -> {
			assertThat(viewers).isEqualTo(2);
		});
	}

	/**
	 * Nodes, one room whose origin is n00, and its viewers: what Redis and Edges hold.
	 */
	private static final class Cluster {

		private final Map<String, NodeLoad> nodes = new HashMap<>();

		private final Set<String> carrying = new LinkedHashSet<>();

		private final Map<String, String> fedBy = new HashMap<>();

		private final Map<String, String> placed = new HashMap<>();

		private final String origin = "n00";

		Cluster(int count, long capacity) {
			for (int i = 0; i < count; i++) {
				String id = String.format("n%02d", i);
				this.nodes.put(id, new NodeLoad(id, true, false, 0, capacity));
			}
		}

		boolean join(String viewer) {
			var choice = ViewerPlacement.choose(this.origin, this.carrying, new ArrayList<>(this.nodes.values()));
			if (choice.isEmpty()) {
				return false;
			}
			String node = choice.get().node();
			if (choice.get().cascade()) {
				this.carrying.add(node);
				this.fedBy.put(node, this.origin);
			}
			NodeLoad load = this.nodes.get(node);
			this.nodes.put(node, new NodeLoad(node, load.up(), load.draining(), load.viewers() + 1, load.capacity()));
			this.placed.put(viewer, node);
			return true;
		}

		void lose(String node) {
			NodeLoad load = this.nodes.get(node);
			this.nodes.put(node, new NodeLoad(node, false, load.draining(), 0, load.capacity()));
			this.carrying.remove(node);
			this.fedBy.remove(node);
			this.placed.values().removeIf(node::equals);
		}

		void drain(String node) {
			NodeLoad load = this.nodes.get(node);
			this.nodes.put(node, new NodeLoad(node, load.up(), true, load.viewers(), load.capacity()));
		}

		Map<String, String> placed() {
			return this.placed;
		}

		Set<String> nodesCarrying() {
			Set<String> all = new HashSet<>(this.carrying);
			all.add(this.origin);
			return all;
		}

		Map<String, Long> viewersPerNode() {
			Map<String, Long> counts = new HashMap<>();
			this.placed.values().forEach((node) -> counts.merge(node, 1L, Long::sum));
			return counts;
		}

		/** Hops from the origin to the deepest edge. */
		int depth() {
			int deepest = 0;
			for (String edge : this.carrying) {
				int hops = 0;
				for (String node = edge; !node.equals(this.origin); node = this.fedBy.get(node)) {
					hops++;
				}
				deepest = Math.max(deepest, hops);
			}
			return deepest;
		}

	}

}
