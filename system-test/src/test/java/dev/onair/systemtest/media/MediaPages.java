package dev.onair.systemtest.media;

import java.time.Duration;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import org.awaitility.Awaitility;

/**
 * Pages driving {@code /js/media-client.js} directly: a publisher (creates a broadcast,
 * joins with its owner token, publishes the fake camera) and viewers. Each page keeps its
 * client in {@code window.onair} for the test to read.
 */
public final class MediaPages {

	private MediaPages() {
	}

	/**
	 * Opens a page on the app's origin with the media client loaded and connected by its
	 * own minimal socket, which does not reconnect.
	 */
	static Page open(BrowserContext context) {
		return open(context, """
				async () => {
				  const m = await import('/js/media-client.js');
				  const signal = await m.connect();
				  const join = (room, role, token) => m.join(signal, room, role, token);
				  window.onair = { m, signal, join, events: [], delays: [] };
				}""");
	}

	/**
	 * Opens a page connected as the studio and watch pages are: the web client's
	 * {@code Signal} (signal.js), which reconnects, resumes its session and joins its
	 * rooms again after every welcome.
	 */
	public static Page openWebClient(BrowserContext context) {
		return open(context, """
				async () => {
				  const m = await import('/js/media-client.js');
				  const { Signal } = await import('/js/signal.js');
				  const signal = new Signal();
				  await signal.connect();
				  const join = (room, role, token) => new Promise((resolve) => {
				    const joined = (e) => {
				      if (e.detail.room !== room) return;
				      signal.removeEventListener('joined', joined);
				      resolve(e.detail);
				    };
				    signal.addEventListener('joined', joined);
				    signal.join(room, role, token);
				  });
				  window.onair = { m, signal, join, events: [], delays: [] };
				}""");
	}

	/**
	 * A new page on the app's origin; {@code connect} loads the media client and sets
	 * {@code window.onair}: {@code m} (the module), {@code signal},
	 * {@code join(room, role, ownerToken)} and the {@code events} the test reads.
	 */
	private static Page open(BrowserContext context, String connect) {
		Page page = context.newPage();
		// The page is only the origin the modules load from.
		ClientBrowser.navigate(page, "/");
		page.evaluate(connect);
		return page;
	}

	/** Creates a broadcast, joins as its publisher and publishes; returns the room id. */
	@SuppressWarnings("unchecked")
	public static String publish(Page page, boolean simulcast) {
		return publish(page, simulcast, false);
	}

	/** Same, with {@code relay} forcing the publisher's media through coturn. */
	@SuppressWarnings("unchecked")
	static String publish(Page page, boolean simulcast, boolean relay) {
		Map<String, Object> created = (Map<String, Object>) page.evaluate(
				"""
						async ([simulcast, relay]) => {
						  const o = window.onair;
						  const r = await fetch('/api/broadcasts', { method: 'POST', headers: { 'Content-Type': 'application/json' },
						    body: JSON.stringify({ title: 'media journey', description: 'test', tags: [] }) });
						  const b = await r.json();
						  await o.join(b.id, 'publisher', b.ownerToken);
						  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
						  o.publisher = o.m.publish(o.signal, b.id, stream, { simulcast, relay });
						  o.publisher.addEventListener('live', () => o.events.push('live'));
						  o.publisher.addEventListener('failed', (e) => o.events.push('failed:' + e.detail));
						  return { id: b.id, token: b.ownerToken };
						}""",
				java.util.List.of(simulcast, relay));
		Awaitility.await("publisher media flows")
			.atMost(Duration.ofSeconds(15))
			.until(() -> events(page).contains("live"));
		return (String) created.get("id");
	}

	/**
	 * Creates a broadcast and publishes the delay probe (a canvas stamped with this
	 * browser's clock) with simulcast; returns the room id.
	 */
	static String publishProbe(Page page) {
		String room = (String) page.evaluate(
				"""
						async () => {
						  const o = window.onair;
						  const r = await fetch('/api/broadcasts', { method: 'POST', headers: { 'Content-Type': 'application/json' },
						    body: JSON.stringify({ title: 'media benchmark', description: 'probe', tags: [] }) });
						  const b = await r.json();
						  await o.join(b.id, 'publisher', b.ownerToken);
						  o.publisher = o.m.publish(o.signal, b.id, o.m.probeStream(), { simulcast: true });
						  o.publisher.addEventListener('live', () => o.events.push('live'));
						  return b.id;
						}""");
		Awaitility.await("probe publisher media flows")
			.atMost(Duration.ofSeconds(15))
			.until(() -> events(page).contains("live"));
		return room;
	}

	/** Joins as viewer and watches into a new video element. */
	public static void watch(Page page, String room, String quality, boolean relay) {
		page.evaluate("""
				async ([room, quality, relay]) => {
				  const o = window.onair;
				  await o.join(room, 'viewer');
				  const video = document.createElement('video');
				  video.id = 'onair-video';
				  video.muted = true;
				  document.body.append(video);
				  o.viewer = o.m.watch(o.signal, room, video, { quality, relay });
				  for (const type of ['playing', 'layer', 'moved', 'ended', 'failed', 'frozen']) {
				    o.viewer.addEventListener(type, (e) => o.events.push(type + ':' + e.detail));
				  }
				}""", java.util.List.of(room, quality, relay));
	}

	/** The broadcast's status as edge-web's API reports it, e.g. {@code LIVE}. */
	public static String status(Page page, String room) {
		return (String) page.evaluate("async (id) => (await (await fetch('/api/broadcasts/' + id)).json()).status",
				room);
	}

	/** Outgoing video stats of the publisher: one entry per encoded layer. */
	static int sentLayers(Page page) {
		return ((Number) page.evaluate("async () => (await window.onair.publisher.stats()).layers.length")).intValue();
	}

	/**
	 * The type of the local candidate the media of the page's {@code publisher} or
	 * {@code viewer} flows through, e.g. {@code relay}.
	 */
	static String path(Page page, String side) {
		return (String) page.evaluate("""
				async (side) => {
				  const report = await window.onair[side].pc.getStats();
				  let type = null;
				  report.forEach((s) => {
				    if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
				      type = report.get(s.localCandidateId).candidateType;
				    }
				  });
				  return type;
				}""", side);
	}

	/**
	 * The address the page's {@code publisher} or {@code viewer} media flows to or from:
	 * the media host (Janus node) it is on, e.g. {@code 10.203.2.2}.
	 */
	static String remoteAddress(Page page, String side) {
		return (String) page.evaluate("""
				async (side) => {
				  const report = await window.onair[side].pc.getStats();
				  let address = null;
				  report.forEach((s) => {
				    if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
				      address = report.get(s.remoteCandidateId).address;
				    }
				  });
				  return address;
				}""", side);
	}

	/** The page's gateway session id. */
	static String session(Page page) {
		return (String) page.evaluate("() => window.onair.signal.welcome.session");
	}

	public static java.util.List<String> events(Page page) {
		@SuppressWarnings("unchecked")
		java.util.List<String> events = (java.util.List<String>) page.evaluate("() => window.onair.events.slice()");
		return events;
	}

	/** The decoded size of the viewer's video, e.g. {@code 1280x720}. */
	static String size(Page page) {
		return (String) page.evaluate(
				"""
						() => { const v = document.getElementById('onair-video'); return v.videoWidth + 'x' + v.videoHeight; }""");
	}

	static String layer(Page page) {
		return (String) page.evaluate("() => window.onair.viewer.layer");
	}

	public static int frames(Page page) {
		return ((Number) page.evaluate("() => window.onair.viewer.frames")).intValue();
	}

	/** Frames the viewer decoded, as of the last sample of {@link #recordFrameGaps}. */
	public static int decodedFrames(Page page) {
		return ((Number) page.evaluate("() => window.gaps.frames")).intValue();
	}

	/**
	 * The longest time between two decoded frames since {@link #recordFrameGaps}, in ms.
	 */
	public static double longestGap(Page page) {
		return ((Number) page.evaluate("() => Math.max(window.gaps.longest, performance.now() - window.gaps.last)"))
			.doubleValue();
	}

	/**
	 * How long the viewer has decoded nothing now, in ms (see {@link #recordFrameGaps}).
	 */
	static double currentGap(Page page) {
		return ((Number) page.evaluate("() => performance.now() - window.gaps.last")).doubleValue();
	}

	/**
	 * The gaps over 300 ms since {@link #recordFrameGaps}: when (since then, and the
	 * wall-clock time it ended, to set beside the services' logs), and how long.
	 */
	public static Object longGaps(Page page) {
		return page.evaluate("() => window.gaps.long");
	}

	/**
	 * From now on, the page keeps the longest time in which the viewer decoded no frame
	 * (Chromium's {@code framesDecoded}, sampled every 100 ms). Decoding, not
	 * {@code requestVideoFrameCallback}: a page that is not in front is painted about
	 * once a second however smoothly its video decodes. Of the peer connection the video
	 * shows: a viewer that subscribes again (failover, drain) has a new one whose count
	 * starts at 0, its frames count from there, and the switch itself is no frame; while
	 * a moving viewer's new connection starts, the old one is still shown.
	 */
	public static void recordFrameGaps(Page page) {
		page.evaluate("""
				() => {
				  const start = performance.now();
				  const gaps = { last: start, frames: 0, longest: 0, long: [], pc: null, decoded: 0 };
				  window.gaps = gaps;
				  setInterval(async () => {
				    const pc = window.onair.viewer.shown ?? window.onair.viewer.pc;
				    let decoded = 0;
				    (await pc.getStats()).forEach((s) => {
				      if (s.type === 'inbound-rtp' && s.kind === 'video') decoded = s.framesDecoded;
				    });
				    const now = performance.now();
				    if (pc !== gaps.pc) {
				      gaps.pc = pc;
				      gaps.decoded = 0;
				    }
				    if (decoded <= gaps.decoded) return;
				    const gap = now - gaps.last;
				    gaps.longest = Math.max(gaps.longest, gap);
				    if (gap > 300) {
				      const ended = new Date().toISOString().substring(11, 23);
				      gaps.long.push(`${Math.round(now - start)} ms (${ended}): ${Math.round(gap)} ms gap`);
				    }
				    gaps.last = now;
				    gaps.frames += decoded - gaps.decoded;
				    gaps.decoded = decoded;
				  }, 100);
				}""");
	}

}
