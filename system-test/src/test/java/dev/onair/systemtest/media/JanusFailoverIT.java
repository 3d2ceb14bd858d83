package dev.onair.systemtest.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.microsoft.playwright.Page;
import dev.onair.systemtest.drill.Timeline;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a Janus node under a live broadcast watched from three media hosts (one
 * viewer per node: the origin and two edges). Viewers of a killed edge are placed on a
 * node that is up; when the origin dies, the publisher's media client publishes again to
 * another node without a page reload, the room is cascaded anew and every viewer watches
 * again, while the broadcast stays LIVE. The killed Janus is started again afterwards as
 * {@code ./onair} starts it.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class JanusFailoverIT {

	private static final int NODES = 3;

	private static final double EDGE_GAP_MS = 3000;

	private static final double ORIGIN_GAP_MS = 5000;

	private static ClientBrowser browser;

	@BeforeAll
	static void startBrowser() {
		browser = ClientBrowser.start();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@BeforeEach
	void everyNodeIsUp() {
		assertThat(LocalStack.get().mediaHosts())
			.as("media hosts of the stack (./onair test runs 3: ONAIR_MEDIA_HOSTS)")
			.isGreaterThanOrEqualTo(NODES);
		for (String node : MediaNodes.ids(NODES)) {
			Awaitility.await(node + " up for media-service")
				.atMost(Duration.ofSeconds(15))
				.until(() -> MediaNodes.up(node));
		}
	}

	@Test
	void viewersOfAKilledEdgePlayAgainWithinThreeSeconds() {
		try (Scene scene = Scene.onEveryNode()) {
			killAnEdge(scene);
		}
	}

	private static void killAnEdge(Scene scene) {
		int edge = scene.hosts().stream().filter((host) -> host != scene.origin()).findFirst().orElseThrow();
		Page moved = scene.viewerOn(edge);
		try {
			MediaNodes.killJanus(edge);
			awaitPlayingOffHost(scene.room(), moved, edge);
		}
		finally {
			MediaNodes.restartJanus(edge);
			scene.defaultCapacities();
		}
		System.out.printf("Edge janus-m%d killed: its viewer's longest decode gap %.0f ms %s; others %s%n", edge,
				MediaPages.longestGap(moved), MediaPages.longGaps(moved), scene.gapsExcept(moved));
		assertThat(MediaPages.longestGap(moved)).as("longest decode gap of the killed edge's viewer (ms)")
			.isLessThanOrEqualTo(EDGE_GAP_MS);
		for (Page other : scene.viewers()) {
			if (other != moved) {
				assertThat(MediaPages.longestGap(other)).as("viewers of other nodes go on (longest gap, ms)")
					.isLessThan(1000);
			}
		}
	}

	@Test
	void theOriginsViewersPlayAgainWithinFiveSecondsAndTheBroadcastStaysLive() {
		try (Scene scene = Scene.onEveryNode()) {
			killTheOrigin(scene);
		}
	}

	private static void killTheOrigin(Scene scene) {
		int origin = scene.origin();
		scene.publisher().evaluate("() => { window.notReloaded = true; }");
		long killed;
		Map<Integer, Integer> after = new TreeMap<>();
		try (Timeline status = Timeline.status(scene.room())) {
			try {
				MediaNodes.killJanus(origin);
				killed = System.nanoTime();
				for (Page viewer : scene.viewers()) {
					awaitPlayingOffHost(scene.room(), viewer, origin);
				}
				Awaitility.await("the publisher sends to another node")
					.atMost(Duration.ofSeconds(10))
					.until(() -> MediaNodes.originHost(scene.room()), (host) -> host != 0 && host != origin);
				for (Page viewer : scene.viewers()) {
					after.merge(MediaNodes.viewerHost(scene.room(), MediaPages.session(viewer)), 1, Integer::sum);
				}
			}
			finally {
				MediaNodes.restartJanus(origin);
				scene.defaultCapacities();
			}
			System.out.printf("Origin janus-m%d killed: longest decode gaps %s; viewers per host after %s; status %s%n",
					origin, scene.gapsExcept(null), after, status.describe(killed));
			assertThat(status.changes()).as("broadcast status from before the kill until every viewer played again")
				.allSatisfy((change) -> assertThat(change.value()).isEqualTo("LIVE"));
		}
		for (Page viewer : scene.viewers()) {
			assertThat(MediaPages.longestGap(viewer)).as("longest decode gap of a viewer (ms)")
				.isLessThanOrEqualTo(ORIGIN_GAP_MS);
		}
		assertThat(after).as("viewers per host once the room is on two nodes again: edges re-attached").hasSize(2);
		assertThat(scene.publisher().evaluate("() => window.notReloaded")).as("the studio page was not reloaded")
			.isEqualTo(true);
		assertThat(MediaPages.events(scene.publisher())).as("the publisher's client published again by itself")
			.filteredOn("live"::equals)
			.hasSizeGreaterThanOrEqualTo(2);
	}

	/** Until the viewer decodes from a node other than {@code host}. */
	private static void awaitPlayingOffHost(String room, Page viewer, int host) {
		String session = MediaPages.session(viewer);
		Awaitility.await("viewer decodes again from a media host other than " + host)
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> MediaPages.currentGap(viewer) < 300 && MediaNodes.viewerHost(room, session) != 0
					&& MediaNodes.viewerHost(room, session) != host);
	}

	/**
	 * A publisher and one viewer on each of the three nodes: with one free place per node
	 * while they join, the first lands on the origin and each next one cascades the room
	 * to another node. Then every node gets one more place, so a failed edge's viewer
	 * fits on the others, and when all three move (the origin failed) they need two
	 * nodes.
	 */
	private record Scene(Page publisher, String room, int origin, List<Page> viewers, List<Integer> hosts,
			List<String> nodes) implements AutoCloseable {

		static Scene onEveryNode() {
			Page publisher = MediaPages.open(browser.context());
			List<Page> viewers = new ArrayList<>();
			for (int i = 0; i < NODES; i++) {
				viewers.add(MediaPages.open(browser.context()));
			}
			String room = MediaPages.publish(publisher, true);
			int origin = Awaitility.await("the room has its origin")
				.atMost(Duration.ofSeconds(10))
				.until(() -> MediaNodes.originHost(room), (host) -> host != 0);
			List<String> nodes = MediaNodes.ids(NODES);
			for (String node : nodes) {
				MediaNodes.capacity(node, MediaNodes.viewers(node) + 1);
			}
			List<Integer> hosts = new ArrayList<>();
			for (Page viewer : viewers) {
				MediaPages.watch(viewer, room, "480p", false);
				Awaitility.await("viewer decodes")
					.atMost(Duration.ofSeconds(20))
					.until(() -> MediaPages.frames(viewer) > 0);
				hosts.add(MediaNodes.viewerHost(room, MediaPages.session(viewer)));
			}
			assertThat(hosts).as("one viewer per media host").doesNotHaveDuplicates();
			for (String node : nodes) {
				MediaNodes.capacity(node, MediaNodes.viewers(node) + 1);
			}
			viewers.forEach(MediaPages::recordFrameGaps);
			Awaitility.await("every viewer decoding")
				.atMost(Duration.ofSeconds(5))
				.until(() -> viewers.stream().allMatch((viewer) -> MediaPages.decodedFrames(viewer) > 0));
			return new Scene(publisher, room, origin, viewers, hosts, nodes);
		}

		Page viewerOn(int host) {
			return this.viewers.get(this.hosts.indexOf(host));
		}

		String gapsExcept(Page skipped) {
			return this.viewers.stream()
				.filter((viewer) -> viewer != skipped)
				.map((viewer) -> Math.round(MediaPages.longestGap(viewer)) + " ms " + MediaPages.longGaps(viewer))
				.toList()
				.toString();
		}

		void defaultCapacities() {
			this.nodes.forEach(MediaNodes::defaultCapacity);
		}

		/** The pages go: the next test's browser decodes only its own viewers. */
		@Override
		public void close() {
			this.viewers.forEach(Page::close);
			this.publisher.close();
		}

	}

}
