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
 * A publisher that sends one encoding (no simulcast) is accepted: viewers decode it and
 * are told that 720p is the only layer.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class SingleLayerIT {

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
	void viewersOfASingleLayerPublisherAreToldItIsTheOnlyLayer() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, false);
		Awaitility.await("publisher encodes one layer")
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(MediaPages.sentLayers(publisher)).isEqualTo(1));

		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "auto", false);
		// One encoding has no lower layer to fall back on, so Chromium scales it itself
		// while its bandwidth estimate ramps up (320x180 to 960x540 seen here): any 16:9
		// size up to 720p.
		Awaitility.await("viewer decodes the one layer")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.frames(viewer)).isGreaterThan(20));
		String[] size = MediaPages.size(viewer).split("x");
		int width = Integer.parseInt(size[0]);
		int height = Integer.parseInt(size[1]);
		assertThat(height).isBetween(180, 720);
		assertThat(width * 9).isEqualTo(height * 16);
		Awaitility.await("viewer told the layers")
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat((String) viewer.evaluate("() => window.onair.viewer.layers.join(',')"))
				.isEqualTo("720p"));
		assertThat(MediaPages.layer(viewer)).isEqualTo("720p");
	}

}
