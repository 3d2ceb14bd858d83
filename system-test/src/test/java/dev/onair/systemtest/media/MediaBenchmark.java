package dev.onair.systemtest.media;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Media-plane timings in headless Chromium against the running stack: time to first frame
 * over repeated joins, glass-to-glass delay with the delay probe, and the signaling round
 * trip browser → gateway → Kafka → media-service → Kafka → gateway → browser. Prints
 * percentiles; asserts nothing about timings.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class MediaBenchmark {

	private static final int JOINS = 30;

	private static final int PROBE_SAMPLES = 400;

	private static final int ROUND_TRIPS = 200;

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
	void timings() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publishProbe(publisher);
		Page viewer = MediaPages.open(browser.context());
		viewer.evaluate("async (room) => { const o = window.onair; await o.m.join(o.signal, room, 'viewer'); }", room);

		List<Double> firstFrame = new ArrayList<>();
		for (int i = 0; i < JOINS; i++) {
			firstFrame.add(((Number) viewer.evaluate(ONE_JOIN, room)).doubleValue());
		}
		report("time to first frame (watch sent -> first decoded frame, " + JOINS + " joins)", firstFrame);

		@SuppressWarnings("unchecked")
		List<Number> delays = (List<Number>) viewer.evaluate(GLASS_TO_GLASS, List.of(room, PROBE_SAMPLES));
		report("glass-to-glass delay (probe, 720p, " + delays.size() + " frames)",
				delays.stream().map(Number::doubleValue).toList());

		Page idle = MediaPages.open(browser.context());
		@SuppressWarnings("unchecked")
		List<Number> trips = (List<Number>) idle.evaluate(ROUND_TRIP, List.of(room, ROUND_TRIPS));
		report("signaling round trip (browser ice -> media-service error reply, " + trips.size() + " trips)",
				trips.stream().map(Number::doubleValue).toList());
	}

	/** Watches into a fresh video element, resolves with the first-frame time, stops. */
	static final String ONE_JOIN = """
			async (room) => {
			  const o = window.onair;
			  const video = document.createElement('video');
			  video.muted = true;
			  document.body.append(video);
			  const viewer = o.m.watch(o.signal, room, video, { quality: 'auto' });
			  const ms = await new Promise((resolve, reject) => {
			    viewer.addEventListener('playing', (e) => resolve(e.detail));
			    viewer.addEventListener('failed', (e) => reject(new Error(e.detail)));
			    setTimeout(() => reject(new Error('no frame within 10 s')), 10000);
			  });
			  viewer.stop();
			  video.remove();
			  return ms;
			}""";

	/** Watches 720p and collects the probe's per-frame delays. */
	static final String GLASS_TO_GLASS = """
			async ([room, samples]) => {
			  const o = window.onair;
			  const video = document.createElement('video');
			  video.muted = true;
			  document.body.append(video);
			  const viewer = o.m.watch(o.signal, room, video, { quality: '720p' });
			  const delays = await new Promise((resolve, reject) => {
			    const seen = [];
			    const stop = o.m.readProbe(video, (ms) => {
			      seen.push(ms);
			      if (seen.length === samples) { stop(); resolve(seen); }
			    });
			    setTimeout(() => reject(new Error('only ' + seen.length + ' probe frames in 60 s')), 60000);
			  });
			  viewer.stop();
			  return delays;
			}""";

	/**
	 * An {@code ice} from a session that watches nothing: media-service answers
	 * {@code media.no-subscription} after one Redis lookup, so the trip is the signaling
	 * path itself. Trips start at most every 30 ms: the gateway drops frames beyond 100
	 * per 2 s with {@code rate.limited}.
	 */
	private static final String ROUND_TRIP = """
			async ([room, count]) => {
			  const o = window.onair;
			  await o.m.join(o.signal, room, 'viewer');
			  const trips = [];
			  for (let i = 0; i < count; i += 1) {
			    const started = performance.now();
			    await new Promise((resolve, reject) => {
			      const on = (e) => {
			        if (e.detail.code !== 'media.no-subscription') return;
			        o.signal.removeEventListener('error', on);
			        resolve();
			      };
			      o.signal.addEventListener('error', on);
			      o.signal.send({ type: 'ice', room, candidate: null });
			      setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
			    });
			    trips.push(performance.now() - started);
			    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 30 - (performance.now() - started))));
			  }
			  return trips;
			}""";

	static void report(String what, List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		System.out.printf("BENCH media %s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", what,
				percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1));
	}

	private static double percentile(List<Double> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

}
