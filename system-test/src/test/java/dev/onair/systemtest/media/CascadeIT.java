package dev.onair.systemtest.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The origin → edge cascade in Chromium on three media hosts: with two places per node,
 * six viewers of one broadcast land two on each node (the room is brought to the two
 * nodes without its publisher by VideoRoom remote publishers), each decodes 1280×720 and
 * switches to 480p, so both simulcast layers reach the edges.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class CascadeIT {

	private static final int NODES = 3;

	private static final int PLACES = 2;

	private static ClientBrowser browser;

	@BeforeAll
	static void startBrowser() {
		browser = ClientBrowser.start();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@Test
	void sixViewersLandOnThreeNodesAndEachDecodes720pAndSwitchesTo480p() {
		assertThat(LocalStack.get().mediaHosts())
			.as("media hosts of the stack (./onair test runs 3: ONAIR_MEDIA_HOSTS)")
			.isGreaterThanOrEqualTo(NODES);
		// Every page first, while nothing decodes yet: a busy browser was slow to load
		// one.
		Page publisher = MediaPages.open(browser.context());
		List<Page> viewers = new ArrayList<>();
		for (int i = 0; i < NODES * PLACES; i++) {
			viewers.add(MediaPages.open(browser.context()));
		}
		String room = MediaPages.publish(publisher, true);
		List<String> nodes = MediaNodes.ids(NODES);
		try {
			// Two more places per node than it has viewers now (other tests' rooms
			// count).
			for (String node : nodes) {
				MediaNodes.capacity(node, MediaNodes.viewers(node) + PLACES);
			}
			// One viewer at a time, so each is placed knowing where the others are; each
			// then drops to 480p, which also keeps the browser's decoding load down.
			for (Page viewer : viewers) {
				MediaPages.watch(viewer, room, "720p", false);
				Awaitility.await("viewer decodes 1280x720")
					.atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(MediaPages.size(viewer)).isEqualTo("1280x720"));
				viewer.evaluate("() => window.onair.viewer.setQuality('480p')");
				Awaitility.await("viewer switches to 480p")
					.atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(MediaPages.size(viewer)).isIn("853x480", "854x480"));
			}
			Map<Integer, Integer> perHost = new TreeMap<>();
			for (Page viewer : viewers) {
				perHost.merge(MediaNodes.hostOf(MediaPages.remoteAddress(viewer, "viewer")), 1, Integer::sum);
			}
			assertThat(perHost).as("viewers per media host").hasSize(NODES).allSatisfy((host, count) -> {
				assertThat(count).isEqualTo(PLACES);
			});
			System.out.println("Cascade: viewers per media host " + perHost);
		}
		finally {
			nodes.forEach(MediaNodes::defaultCapacity);
		}
	}

}
