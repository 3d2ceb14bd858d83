package dev.onair.systemtest.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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
 * Draining the Janus node two viewers watch from (media-service's {@code drain} actuator
 * endpoint, which {@code ./onair media-drain} calls) moves them make-before-break: each
 * plays its old subscription until the new one, on another node, decodes. The node is the
 * room's origin, so the drain reports it and the publisher stays there; the viewers go to
 * a node the room is cascaded to.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class DrainIT {

	private static final double GAP_MS = 300;

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
	void viewersOfADrainedNodeMoveWithoutAGapOver300Milliseconds() throws Exception {
		assertThat(LocalStack.get().mediaHosts()).as("media hosts of the stack").isGreaterThanOrEqualTo(2);
		Page publisher = MediaPages.open(browser.context());
		List<Page> viewers = List.of(MediaPages.open(browser.context()), MediaPages.open(browser.context()));
		String room = MediaPages.publish(publisher, true);
		int originHost = MediaNodes.originHost(room);
		String origin = LocalStack.get().mediaHostAddress(originHost);
		for (Page viewer : viewers) {
			MediaPages.watch(viewer, room, "480p", false);
			Awaitility.await("viewer decodes")
				.atMost(Duration.ofSeconds(20))
				.until(() -> MediaPages.frames(viewer) > 0);
			assertThat(MediaNodes.viewerHost(room, MediaPages.session(viewer))).as("a viewer watches from the origin")
				.isEqualTo(originHost);
		}
		viewers.forEach(MediaPages::recordFrameGaps);
		String drained;
		try {
			drained = drain("POST", origin);
			for (Page viewer : viewers) {
				Awaitility.await("viewer switched to its new subscription")
					.atMost(Duration.ofSeconds(15))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> MediaPages.events(viewer).stream().anyMatch((event) -> event.startsWith("moved")));
			}
			String originNode = "\"node\":\"ws://" + origin + ":";
			// media-service drops the old subscriptions 3 s after the new ones started.
			Awaitility.await("no viewer of the room left on the drained node, old subscriptions dropped")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> assertThat(MediaNodes.viewerRecords(room)).hasSize(2)
					.noneMatch((record) -> record.contains(originNode))
					.allMatch((record) -> record.contains("\"movedFrom\":null")));
			Awaitility.await("viewers play on after the old subscriptions went")
				.during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(4))
				.until(() -> viewers.stream().allMatch((viewer) -> MediaPages.currentGap(viewer) < 1000));
		}
		finally {
			drain("DELETE", origin);
		}
		for (Page viewer : viewers) {
			System.out.printf("Drain of %s: moved viewer's longest decode gap %.0f ms %s, events %s%n", origin,
					MediaPages.longestGap(viewer), MediaPages.longGaps(viewer), MediaPages.events(viewer));
		}
		assertThat(drained).as("the drain reports the node as the room's origin").contains(room);
		for (Page viewer : viewers) {
			assertThat(MediaPages.longestGap(viewer)).as("longest decode gap of a moved viewer (ms)")
				.isLessThanOrEqualTo(GAP_MS);
			assertThat(MediaPages.events(viewer)).as("the viewer never subscribed again from scratch")
				.noneMatch((event) -> event.startsWith("frozen") || event.startsWith("failed"));
		}
		assertThat(MediaNodes.originHost(room)).as("the publisher stays on its origin").isEqualTo(originHost);
		System.out.println("Viewers after the drain: " + MediaNodes.viewerRecords(room));
	}

	/**
	 * {@code POST} (drain) or {@code DELETE} (undrain) media-service's drain endpoint.
	 */
	private static String drain(String method, String host) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8085/actuator/drain/" + host))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " /actuator/drain/" + host + ": " + response.body())
			.isBetween(200, 204);
		return response.body();
	}

}
