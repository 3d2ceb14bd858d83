package dev.onair.systemtest.web;

import java.time.Duration;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.IsHiddenOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The journey of issue 7 with media: the studio goes live with the fake camera, a home
 * page already open shows the card and its viewer count going 0 → 1 without a reload
 * while a viewer opens the card, the viewer decodes video, switches to 480p and back,
 * chats, the streamer sees the viewer's name and deletes the message, it vanishes for the
 * viewer, the streamer ends and the viewer is told. No console error on any page.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class LiveJourneyIT {

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
	void streamerGoesLiveViewerWatchesSwitchesQualityChatsAndSeesTheEnd() {
		PageWatch studio = new PageWatch(browser.context()).acceptingConfirms();
		Page s = studio.page;
		ClientBrowser.navigate(s, "/studio");
		String title = "Live journey " + System.nanoTime();
		s.locator("#b-title").fill(title);
		s.locator("#b-streamer").fill("민아 Mina");
		s.locator("#b-tags").fill("journey");
		s.locator("#create-button").click();
		assertThat(s.locator("#share-link")).hasValue(Pattern.compile("/watch/[0-9a-f-]+$"));
		String shareLink = s.locator("#share-link").inputValue();
		String room = shareLink.substring(shareLink.lastIndexOf('/') + 1);
		// The OBS panel: this broadcast's WHIP endpoint and owner token, in either
		// language.
		assertThat(s.locator("#whip-url")).hasValue(ClientBrowser.ORIGIN + "/api/broadcasts/" + room + "/whip");
		assertThat(s.locator("#whip-token")).hasValue(Pattern.compile("^v2\\.[^<>\"]+$"));
		assertThat(s.locator("#obs-title")).hasText("Stream from OBS");
		s.locator("#lang").selectOption("ko");
		assertThat(s.locator("#obs-title")).hasText("OBS로 방송하기");
		s.locator("#lang").selectOption("en");
		s.locator("#preview-button").click();
		s.locator("#live-button").click();
		assertThat(s.locator("#studio-state")).hasText("You are live.", new HasTextOptions().setTimeout(15_000));
		assertThat(s.locator("#chat .me")).hasText("You are 민아 Mina");

		PageWatch home = new PageWatch(browser.context());
		Page h = home.page;
		ClientBrowser.navigate(h, "/");
		Locator card = h.locator("#cards li.card[data-id='" + room + "']");
		assertThat(card.locator(".card-title")).hasText(title, new HasTextOptions().setTimeout(10_000));
		assertThat(card.locator(".viewers")).hasAttribute("data-count", "0");
		assertThat(card.locator(".streamer")).hasText("민아 Mina");
		// Marks this document: if the page reloaded, the mark would be gone.
		h.evaluate("() => window.sameDocument = true");

		PageWatch viewer = new PageWatch(browser.context());
		Page v = viewer.page;
		ClientBrowser.navigate(v, "/");
		v.locator("#cards li.card[data-id='" + room + "'] .card-title").click();
		v.waitForURL(shareLink);
		assertThat(v.locator("#title")).hasText(title);
		assertThat(v.locator("#streamer")).hasText("민아 Mina");
		assertThat(card.locator(".viewers")).hasAttribute("data-count", "1",
				new HasAttributeOptions().setTimeout(10_000));
		Assertions.assertThat(h.evaluate("() => window.sameDocument")).isEqualTo(true);
		// The studio uploads its first thumbnail a few seconds after going live.
		assertThat(card.locator(".thumb img")).isVisible(new IsVisibleOptions().setTimeout(15_000));
		Awaitility.await("thumbnail decoded")
			.atMost(Duration.ofSeconds(5))
			.until(() -> ((Number) card.locator(".thumb img").evaluate("(img) => img.naturalWidth")).intValue() > 0);
		home.screenshots("home-live");

		assertThat(v.locator("#state")).isHidden(new IsHiddenOptions().setTimeout(15_000));
		Assertions.assertThat((int) v.evaluate("() => document.getElementById('video').videoWidth")).isPositive();
		int frames = decodedFrames(v);
		Awaitility.await("frames keep coming")
			.atMost(Duration.ofSeconds(5))
			.until(() -> decodedFrames(v) > frames + 10);

		v.locator("#quality").selectOption("480p");
		assertThat(v.locator("#layer")).hasText("Playing 480p", new HasTextOptions().setTimeout(5_000));
		awaitDecodedHeight(v, s, 480);
		viewer.screenshots("watch-480p");
		v.locator("#quality").selectOption("720p");
		assertThat(v.locator("#layer")).hasText("Playing 720p", new HasTextOptions().setTimeout(5_000));
		awaitDecodedHeight(v, s, 720);
		v.locator("#stats-toggle").click();
		assertThat(v.locator("#stats")).containsText("1280×720");
		// The first sample has no rate; the next one (a second later) has a real one.
		assertThat(v.locator("#stats")).containsText(Pattern.compile("[1-9][0-9]* kbps"),
				new ContainsTextOptions().setTimeout(5_000));
		viewer.screenshots("watch-live");
		studio.screenshots("studio-live");

		String viewerName = v.locator("#chat .me").textContent().replace("You are ", "");
		v.locator("#chat-input").fill("great stream");
		v.locator("#chat-input").press("Enter");
		Locator seenByStreamer = s.locator("#chat .messages li", new Page.LocatorOptions().setHasText("great stream"));
		assertThat(seenByStreamer).isVisible(new IsVisibleOptions().setTimeout(10_000));
		assertThat(seenByStreamer.locator(".name")).hasText(viewerName);
		seenByStreamer.locator("button[data-action='chat.delete']").click();
		assertThat(v.locator("#chat .messages li", new Page.LocatorOptions().setHasText("great stream"))).hasCount(0,
				new HasCountOptions().setTimeout(10_000));

		s.locator("#end-button").click();
		assertThat(s.locator("#studio-state")).hasText("Broadcast ended.");
		assertThat(v.locator("#state")).hasText("This broadcast has ended.", new HasTextOptions().setTimeout(15_000));
		assertThat(card).hasCount(0, new HasCountOptions().setTimeout(10_000));

		home.assertClean();
		studio.assertClean();
		viewer.assertClean();
	}

	private static int decodedFrames(Page page) {
		return ((Number) page
			.evaluate("() => document.getElementById('video').getVideoPlaybackQuality().totalVideoFrames")).intValue();
	}

	/**
	 * Waits for the viewer to decode the layer; a failure says what the studio was
	 * sending (its stream health: layers, fps, quality limitation), the usual reason it
	 * cannot. The switch time itself is bounded by PublishAndWatchIT.
	 */
	private static void awaitDecodedHeight(Page viewer, Page studio, int height) {
		Awaitility.await(height + "p decoded")
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> Assertions.assertThat(videoHeight(viewer))
				.as(() -> "decoded height while the studio reports " + studio.locator("#health").innerText())
				.isEqualTo(height));
	}

	private static int videoHeight(Page page) {
		return ((Number) page.evaluate("() => document.getElementById('video').videoHeight")).intValue();
	}

}
