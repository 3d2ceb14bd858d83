package dev.onair.systemtest.media;

import java.time.Duration;
import java.util.ArrayList;
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
 * What a cascade hop costs, in headless Chromium against the running stack (two media
 * hosts or more): the delay probe's publisher on its origin, viewers pushed to an edge by
 * declaring the origin full ({@code media:node-capacity}), then the same measurements on
 * the origin. Time to first frame over {@value #JOINS} joins and glass-to-glass delay
 * over {@value #PROBE_SAMPLES} frames, each on the edge and on the origin; the difference
 * of the delays is the hop. Prints percentiles; asserts only that the viewer really was
 * on an edge.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class CascadeBenchmark {

	private static final int JOINS = 20;

	private static final int PROBE_SAMPLES = 400;

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
	@SuppressWarnings("unchecked")
	void edgeAgainstOrigin() {
		assertThat(LocalStack.get().mediaHosts()).as("media hosts (ONAIR_MEDIA_HOSTS)").isGreaterThanOrEqualTo(2);
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publishProbe(publisher);
		String originAddress = MediaPages.remoteAddress(publisher, "publisher");
		String origin = LocalStack.get().janusWebSocketUrl(MediaNodes.hostOf(originAddress)).toString();

		Page check = MediaPages.open(browser.context());
		Page viewer = MediaPages.open(browser.context());
		viewer.evaluate("async (room) => { const o = window.onair; await o.m.join(o.signal, room, 'viewer'); }", room);
		MediaNodes.capacity(origin, MediaNodes.viewers(origin));
		try {
			MediaPages.watch(check, room, "720p", false);
			Awaitility.await("a viewer decodes on an edge")
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(MediaPages.size(check)).isEqualTo("1280x720"));
			assertThat(MediaPages.remoteAddress(check, "viewer")).as("the viewer's media host")
				.isNotEqualTo(originAddress);
			check.evaluate("() => window.onair.viewer.stop()");
			measure(viewer, room, "edge");
		}
		finally {
			MediaNodes.defaultCapacity(origin);
		}
		measure(viewer, room, "origin");
	}

	@SuppressWarnings("unchecked")
	private static void measure(Page viewer, String room, String where) {
		List<Double> firstFrame = new ArrayList<>();
		for (int i = 0; i < JOINS; i++) {
			firstFrame.add(((Number) viewer.evaluate(MediaBenchmark.ONE_JOIN, room)).doubleValue());
		}
		MediaBenchmark.report("time to first frame on the " + where + " (" + JOINS + " joins)", firstFrame);
		List<Number> delays = (List<Number>) viewer.evaluate(MediaBenchmark.GLASS_TO_GLASS,
				List.of(room, PROBE_SAMPLES));
		MediaBenchmark.report("glass-to-glass delay on the " + where + " (probe, 720p, " + delays.size() + " frames)",
				delays.stream().map(Number::doubleValue).toList());
	}

}
