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
 * A viewer with {@code iceTransportPolicy: 'relay'} plays through coturn, using the
 * short-lived credentials the gateway put in its welcome.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class RelayWatchIT {

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
	void viewerForcedThroughTurnDecodes720p() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, true);

		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "720p", true);
		Awaitility.await("relayed viewer decodes 1280x720")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.size(viewer)).isEqualTo("1280x720"));
		assertThat(MediaPages.viewerPath(viewer)).isEqualTo("relay");
	}

}
