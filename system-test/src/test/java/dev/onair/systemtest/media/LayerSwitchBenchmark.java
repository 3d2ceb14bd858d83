package dev.onair.systemtest.media;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layer switches in headless Chromium against the running stack: one viewer of the delay
 * probe (720p + 480p simulcast) switches between 720p and 480p {@value #SWITCHES} times
 * each way; a switch counts from {@code quality} sent to the first decoded frame of the
 * new height ({@code requestVideoFrameCallback}). The pause between switches is random
 * (0.3–1.5 s) so switches do not line up with the periodic keyframe. Prints percentiles
 * per direction; asserts nothing about timings.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class LayerSwitchBenchmark {

	private static final int SWITCHES = 25;

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
	void switches() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publishProbe(publisher);
		Page viewer = MediaPages.open(browser.context());
		Map<String, List<Object>> result = (Map<String, List<Object>>) viewer.evaluate(SWITCH, List.of(room, SWITCHES));
		MediaBenchmark.report("layer switch 720p -> 480p (quality sent -> first 480p frame, " + SWITCHES + " switches)",
				result.get("down").stream().map((ms) -> ((Number) ms).doubleValue()).toList());
		System.out.println("BENCH media layer switches not seen within 5 s: " + result.get("missed"));
		MediaBenchmark.report("layer switch signaling (quality sent -> layer reply, " + SWITCHES * 2 + " switches)",
				result.get("told").stream().map((ms) -> ((Number) ms).doubleValue()).toList());
		System.out.println("BENCH media layer switch times: down " + result.get("down") + " up " + result.get("up"));
		System.out.println("BENCH media publisher layers at the end: "
				+ publisher.evaluate("async () => JSON.stringify((await window.onair.publisher.stats()).layers)"));
		MediaBenchmark.report("layer switch 480p -> 720p (quality sent -> first 720p frame, " + SWITCHES + " switches)",
				result.get("up").stream().map((ms) -> ((Number) ms).doubleValue()).toList());
	}

	/**
	 * Watches at 720p, then alternates 480p / 720p; resolves with the times per
	 * direction.
	 */
	private static final String SWITCH = """
			async ([room, count]) => {
			  const o = window.onair;
			  await o.m.join(o.signal, room, 'viewer');
			  const video = document.createElement('video');
			  video.muted = true;
			  document.body.append(video);
			  const viewer = o.m.watch(o.signal, room, video, { quality: '720p' });
			  let height = 0;
			  const waiters = [];
			  const frame = (now, meta) => {
			    height = meta.height;
			    for (const w of waiters.splice(0)) {
			      if (w.height === height) w.resolve(performance.now()); else waiters.push(w);
			    }
			    video.requestVideoFrameCallback(frame);
			  };
			  video.requestVideoFrameCallback(frame);
			  const reach = (h, ms) => new Promise((resolve, reject) => {
			    if (height === h) { resolve(performance.now()); return; }
			    waiters.push({ height: h, resolve });
			    setTimeout(() => resolve(null), ms);
			  });
			  await reach(720, 15000);
			  const down = [];
			  const up = [];
			  const missed = [];
			  const told = [];
			  let layerAt = 0;
			  viewer.addEventListener('layer', () => { layerAt = performance.now(); });
			  for (let i = 0; i < count * 2; i += 1) {
			    await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
			    const target = i % 2 === 0 ? 480 : 720;
			    const asked = performance.now();
			    layerAt = 0;
			    viewer.setQuality(target + 'p');
			    const seen = await reach(target, 5000);
			    if (layerAt) told.push(layerAt - asked);
			    if (seen === null) { missed.push(target + 'p at ' + height + 'p'); continue; }
			    (target === 480 ? down : up).push(seen - asked);
			  }
			  viewer.stop();
			  return { down, up, missed, told };
			}""";

}
