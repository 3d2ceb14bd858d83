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
 * Media drives the broadcast's lifecycle: LIVE once the publisher's media reaches Janus,
 * ENDED once the publisher left and the running broadcast-service's grace (30 s) passed,
 * and then every viewer is told {@code ended}.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class BroadcastLifecycleIT {

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
	void turnsLiveWithMediaAndEndsForViewersAfterThePublisherLeft() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, true);
		Awaitility.await("broadcast LIVE once media flows")
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(MediaPages.status(publisher, room)).isEqualTo("LIVE"));

		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "auto", false);
		Awaitility.await("viewer plays")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.events(viewer)).anyMatch((e) -> e.startsWith("playing:")));

		publisher.evaluate("() => window.onair.publisher.stop()");
		Awaitility.await("viewer told the broadcast ended after the grace")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(MediaPages.events(viewer)).contains("ended:" + room));
		assertThat(MediaPages.status(viewer, room)).isEqualTo("ENDED");
	}

}
