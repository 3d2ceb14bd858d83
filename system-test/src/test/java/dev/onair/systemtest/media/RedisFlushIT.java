package dev.onair.systemtest.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * The quick Redis drill: the stack's Redis database flushed under a live broadcast (one
 * publisher, three viewers in Chromium). Redis holds only what its holders rebuild (the
 * publisher's seat, resume state, presence from heartbeats), so the broadcast stays LIVE
 * past the publisher grace (30 s: a publisher wrongly counted gone ends it 35 s after the
 * flush), the publisher keeps publishing, the viewers keep decoding, are counted again
 * within one heartbeat TTL (15 s) and chat still reaches them. On main before this test
 * the publisher was told it was replaced, the viewers froze and the broadcast ended.
 * <p>
 * The stack's services all use Redis database 0 (integration tests take others), so that
 * one database is flushed, not the whole server.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class RedisFlushIT {

	private static final int VIEWERS = 3;

	/** The broadcast-service publisher grace (30 s) plus two seat checks and margin. */
	private static final Duration WATCHED = Duration.ofSeconds(60);

	/** presence-service's gateway heartbeat TTL. */
	private static final Duration HEARTBEAT_TTL = Duration.ofSeconds(15);

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
	void aLiveBroadcastOutlivesARedisFlush() throws Exception {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, true);
		List<Page> viewers = IntStream.range(0, VIEWERS).mapToObj((i) -> MediaPages.open(browser.context())).toList();
		viewers.forEach((viewer) -> MediaPages.watch(viewer, room, "480p", false));
		Awaitility.await("broadcast LIVE, every viewer decoding and counted")
			.atMost(Duration.ofSeconds(30))
			.until(() -> "LIVE".equals(MediaPages.status(publisher, room))
					&& viewers.stream().allMatch((viewer) -> MediaPages.frames(viewer) > 0)
					&& viewerCount(publisher, room) == VIEWERS);
		viewers.forEach(MediaPages::recordFrameGaps);
		recordSignals(publisher);
		viewers.forEach(RedisFlushIT::recordSignals);
		List<Integer> eventsBefore = viewers.stream().map((viewer) -> MediaPages.events(viewer).size()).toList();
		long publisherBytes = bytesSent(publisher);
		Awaitility.await("the frame-gap recorders sampled every viewer")
			.atMost(Duration.ofSeconds(5))
			.until(() -> viewers.stream().allMatch((viewer) -> MediaPages.decodedFrames(viewer) > 0));
		List<Integer> framesBefore = viewers.stream().map(MediaPages::decodedFrames).toList();

		flushStackRedis();
		long flushed = System.nanoTime();

		Awaitility.await("the viewers counted again within one heartbeat TTL")
			.atMost(HEARTBEAT_TTL)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> viewerCount(publisher, room) == VIEWERS);
		long countedMillis = Duration.ofNanos(System.nanoTime() - flushed).toMillis();

		publisher.evaluate("(room) => window.onair.signal.send({ type: 'chat.send', room, text: 'after the flush' })",
				room);
		Awaitility.await("chat after the flush reaches every viewer")
			.atMost(Duration.ofSeconds(10))
			.until(() -> viewers.stream().allMatch((viewer) -> chat(viewer).contains("after the flush")));
		long chatMillis = Duration.ofNanos(System.nanoTime() - flushed).toMillis();

		Duration rest = WATCHED.minus(Duration.ofNanos(System.nanoTime() - flushed));
		Awaitility.await("LIVE and no decode gap of 1 s until " + WATCHED.toSeconds() + " s after the flush")
			.during(rest)
			.atMost(rest.plusSeconds(10))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> "LIVE".equals(MediaPages.status(publisher, room))
					&& viewers.stream().allMatch((viewer) -> MediaPages.longestGap(viewer) < 1000));

		double longestGap = viewers.stream().mapToDouble(MediaPages::longestGap).max().orElseThrow();
		System.out.printf(
				"Redis flushed under a live broadcast: %s after %d s, viewers counted again after %d ms,"
						+ " chat delivered after %d ms, longest decode gap %.0f ms, frames %s -> %s%n",
				MediaPages.status(publisher, room), WATCHED.toSeconds(), countedMillis, chatMillis, longestGap,
				framesBefore, viewers.stream().map(MediaPages::decodedFrames).toList());
		assertThat(bytesSent(publisher)).as("the publisher still sends media").isGreaterThan(publisherBytes);
		assertThat(signals(publisher)).as("what the publisher was told after the flush")
			.noneMatch((signal) -> signal.startsWith("left") || signal.startsWith("error"));
		for (int i = 0; i < VIEWERS; i++) {
			assertThat(MediaPages.decodedFrames(viewers.get(i))).as("frames viewer %d decoded (20 fps camera)", i)
				.isGreaterThan(framesBefore.get(i) + 500);
			assertThat(signals(viewers.get(i))).as("what viewer %d was told after the flush", i)
				.noneMatch((signal) -> signal.startsWith("left") || signal.startsWith("ended"));
			List<String> events = MediaPages.events(viewers.get(i));
			assertThat(events.subList(eventsBefore.get(i), events.size()))
				.as("viewer %d never had to subscribe again", i)
				.noneMatch((event) -> event.startsWith("frozen") || event.startsWith("failed"));
		}
	}

	/** FLUSHDB on the stack's database 0 with redis-cli, as an operator would. */
	private static void flushStackRedis() throws IOException, InterruptedException {
		LocalStack stack = LocalStack.get();
		Process process = new ProcessBuilder("redis-cli", "-h", stack.redisHost(), "-p",
				String.valueOf(stack.redisPort()), "-n", "0", "FLUSHDB")
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("redis-cli FLUSHDB finished").isTrue();
		String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(answer).as("redis-cli FLUSHDB").isEqualTo("OK");
	}

	private static int viewerCount(Page page, String room) {
		return ((Number) page.evaluate(
				"async (id) => (await (await fetch('/api/rooms/' + encodeURIComponent(id) + '/viewers')).json()).viewers",
				room))
			.intValue();
	}

	/**
	 * From now on, keeps what the page is told that could end its part in the room
	 * ({@code left}, {@code ended}, {@code error}) and the chat it receives.
	 */
	private static void recordSignals(Page page) {
		page.evaluate(
				"""
						() => {
						  const o = window.onair;
						  o.signals = [];
						  o.chat = [];
						  for (const type of ['left', 'ended', 'error']) {
						    o.signal.addEventListener(type, (e) => o.signals.push(type + ':' + (e.detail.code ?? e.detail.room)));
						  }
						  o.signal.addEventListener('chat.message', (e) => o.chat.push(e.detail.text));
						}""");
	}

	@SuppressWarnings("unchecked")
	private static List<String> signals(Page page) {
		return (List<String>) page.evaluate("() => window.onair.signals.slice()");
	}

	@SuppressWarnings("unchecked")
	private static List<String> chat(Page page) {
		return (List<String>) page.evaluate("() => window.onair.chat.slice()");
	}

	private static long bytesSent(Page page) {
		return ((Number) page.evaluate("""
				async () => {
				  let bytes = 0;
				  (await window.onair.publisher.pc.getStats()).forEach((s) => {
				    if (s.type === 'outbound-rtp' && s.kind === 'video') bytes += s.bytesSent;
				  });
				  return bytes;
				}""")).longValue();
	}

}
