package dev.onair.systemtest.media;

import java.time.Duration;

import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two media-service instances share {@code signal.to-media}; the one owning a live room
 * is killed (SIGKILL). Media never went through media-service, so the viewer keeps
 * decoding as long as Janus keeps the room's session, which the survivor claims when the
 * room's partition is assigned to it. A viewer arriving after the death watches once the
 * partition has moved.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class MediaFailoverIT {

	/**
	 * Well past the takeover (~8 s). That the survivor claimed the room's Janus session
	 * shows in the late viewer, who is served by it.
	 */
	private static final Duration WATCHED_AFTER_DEATH = Duration.ofSeconds(35);

	private static ClientBrowser browser;

	private static MediaInstances instances;

	@BeforeAll
	static void start() {
		instances = MediaInstances.startSecond();
		browser = ClientBrowser.start();
	}

	@AfterAll
	static void stop() throws Exception {
		browser.close();
		instances.close();
	}

	@Test
	void viewersKeepDecodingAndNewViewersJoinWhenTheRoomsInstanceDies() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, true);
		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "720p", false);
		Awaitility.await("viewer decodes 1280x720")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.size(viewer)).isEqualTo("1280x720"));
		String owner = instances.ownerOf(room).orElseThrow();

		MediaPages.recordFrameGaps(viewer);
		instances.kill(owner);
		long killed = System.nanoTime();

		Page late = MediaPages.open(browser.context());
		MediaPages.watch(late, room, "auto", false);
		Awaitility.await("a viewer arriving after the death decodes within 10 s")
			.atMost(Duration.ofSeconds(10).minus(Duration.ofNanos(System.nanoTime() - killed)))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> MediaPages.frames(late) > 0);
		long lateMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
		assertThat(instances.ownerOf(room)).as("the room's partition moved to the survivor")
			.isPresent()
			.get()
			.isNotEqualTo(owner);

		int framesBefore = MediaPages.decodedFrames(viewer);
		Duration rest = WATCHED_AFTER_DEATH.minus(Duration.ofNanos(System.nanoTime() - killed));
		Awaitility.await("no gap of 1 s between the existing viewer's frames until 35 s after the kill")
			.during(rest)
			.atMost(rest.plusSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> MediaPages.longestGap(viewer) < 1000);
		System.out.println("Gaps over 300 ms (time since the kill: gap): " + viewer.evaluate("() => window.gaps.long"));
		System.out.printf("media-service %s killed: late viewer decoding after %d ms, longest frame gap %.0f ms%n",
				owner, lateMillis, MediaPages.longestGap(viewer));
		assertThat(MediaPages.decodedFrames(viewer)).as("frames decoded while watching on (20 fps camera)")
			.isGreaterThan(framesBefore + 300);
		assertThat(MediaPages.events(viewer)).as("the existing viewer never had to subscribe again")
			.noneMatch((event) -> event.startsWith("frozen") || event.startsWith("failed"));
	}

}
