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
 * WHEP players in headless Chromium against the running stack, watching the studio's
 * probe publisher (VP8 simulcast): time to first frame over repeated subscriptions, from
 * the player's first step (its offer, its candidates gathered, the POST) to the first
 * decoded frame; and glass-to-glass delay with the delay probe at 720p. Prints
 * percentiles; asserts nothing about timings.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class WhepBenchmark {

	private static final int SUBSCRIPTIONS = 30;

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
	void timings() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publishProbe(publisher);
		Page player = MediaPages.open(browser.context());

		List<Double> firstFrame = new ArrayList<>();
		for (int i = 0; i < SUBSCRIPTIONS; i++) {
			firstFrame.add(((Number) player.evaluate(ONE_SUBSCRIPTION, room)).doubleValue());
		}
		MediaBenchmark.report(
				"WHEP time to first frame (offer made -> first decoded frame, " + SUBSCRIPTIONS + " subscriptions)",
				firstFrame);

		@SuppressWarnings("unchecked")
		List<Number> delays = (List<Number>) player.evaluate(GLASS_TO_GLASS, List.of(room, PROBE_SAMPLES));
		MediaBenchmark.report("WHEP glass-to-glass delay (probe, 720p, " + delays.size() + " frames)",
				delays.stream().map(Number::doubleValue).toList());
	}

	/**
	 * A WHEP subscription as a player makes it, into a video element; returns the time to
	 * its first frame and deletes it. {@code window.whep} keeps the last one.
	 */
	private static final String SUBSCRIBE = """
			async (room, quality) => {
			  const started = performance.now();
			  const pc = new RTCPeerConnection();
			  pc.addTransceiver('audio', { direction: 'recvonly' });
			  pc.addTransceiver('video', { direction: 'recvonly' });
			  const video = document.createElement('video');
			  video.muted = true;
			  document.body.append(video);
			  pc.addEventListener('track', (e) => {
			    if (e.track.kind === 'video') { video.srcObject = new MediaStream([e.track]); video.play(); }
			  });
			  await pc.setLocalDescription(await pc.createOffer());
			  await new Promise((resolve) => {
			    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
			    pc.addEventListener('icegatheringstatechange', done);
			    done();
			  });
			  const r = await fetch('/api/broadcasts/' + room + '/whep?quality=' + quality, { method: 'POST',
			    headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
			  if (r.status !== 201) throw new Error('WHEP POST ' + r.status + ': ' + await r.text());
			  const location = r.headers.get('Location');
			  await pc.setRemoteDescription({ type: 'answer', sdp: await r.text() });
			  const ms = await new Promise((resolve, reject) => {
			    video.requestVideoFrameCallback(() => resolve(performance.now() - started));
			    setTimeout(() => reject(new Error('no frame within 10 s')), 10000);
			  });
			  window.whep = { pc, video, location };
			  return ms;
			}""";

	private static final String ONE_SUBSCRIPTION = "async (room) => { const subscribe = " + SUBSCRIBE + """
			;
			  const ms = await subscribe(room, 'auto');
			  await fetch(window.whep.location, { method: 'DELETE' });
			  window.whep.pc.close();
			  window.whep.video.remove();
			  return ms;
			}""";

	private static final String GLASS_TO_GLASS = "async ([room, samples]) => { const subscribe = " + SUBSCRIBE + """
			;
			  await subscribe(room, '720p');
			  const delays = await new Promise((resolve, reject) => {
			    const seen = [];
			    const stop = window.onair.m.readProbe(window.whep.video, (ms) => {
			      seen.push(ms);
			      if (seen.length === samples) { stop(); resolve(seen); }
			    });
			    setTimeout(() => reject(new Error('only ' + seen.length + ' probe frames in 60 s')), 60000);
			  });
			  await fetch(window.whep.location, { method: 'DELETE' });
			  window.whep.pc.close();
			  return delays;
			}""";

}
