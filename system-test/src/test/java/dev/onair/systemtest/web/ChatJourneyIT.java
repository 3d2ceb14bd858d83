package dev.onair.systemtest.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Studio and watch page without media: the streamer creates a broadcast whose title is an
 * HTML payload, a viewer opens the share link, both chat (the payload again), the
 * streamer deletes the viewer's message and it vanishes for the viewer, times the viewer
 * out (the viewer is told, and a further message is refused), the streamer ends and the
 * viewer is told. Markup from users renders as text; no dialog, no console error on
 * either page.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER })
class ChatJourneyIT {

	private static final String PAYLOAD = "<img src=x onerror=alert(1)>";

	/** Markup as the streamer's display name (at most 32 characters in chat). */
	private static final String NAME_PAYLOAD = "<i onmouseover=alert(2)>host</i>";

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
	void streamerAndViewerChatModerateAndEndWithUserMarkupShownAsText() {
		PageWatch home = new PageWatch(browser.context());
		ClientBrowser.navigate(home.page, "/");
		assertThat(home.page.locator("h1")).hasText("Live now");
		home.screenshots("home");

		PageWatch studio = new PageWatch(browser.context()).acceptingConfirms();
		Page s = studio.page;
		ClientBrowser.navigate(s, "/studio");
		studio.screenshots("studio-create");
		s.locator("#b-title").fill(PAYLOAD + " chat journey");
		s.locator("#b-streamer").fill(NAME_PAYLOAD);
		s.locator("#b-description").fill("Testing " + PAYLOAD);
		s.locator("#b-tags").fill("test, 게임");
		s.locator("#create-button").click();
		assertThat(s.locator("#broadcast")).isVisible();
		assertThat(s.locator("#live-title")).hasText(PAYLOAD + " chat journey");
		String shareLink = s.locator("#share-link").inputValue();
		Assertions.assertThat(shareLink).startsWith(ClientBrowser.ORIGIN + "/watch/");
		Assertions.assertThat(s.url()).doesNotContain("v1.");
		assertThat(s.locator("#chat .me")).containsText("You are ");

		PageWatch viewer = new PageWatch(browser.context());
		Page v = viewer.page;
		ClientBrowser.navigate(v, shareLink.substring(ClientBrowser.ORIGIN.length()));
		assertThat(v.locator("#title")).hasText(PAYLOAD + " chat journey");
		assertThat(v.locator("#description")).hasText("Testing " + PAYLOAD);
		assertThat(v.locator("#streamer")).hasText(NAME_PAYLOAD);
		assertThat(v.locator("#state")).hasText("Waiting for the stream to start…");
		assertThat(v.locator("#chat .me")).containsText("You are ");
		String viewerName = v.locator("#chat .me").textContent().replace("You are ", "");

		v.locator("#chat-input").fill(PAYLOAD);
		v.locator("#chat-input").press("Enter");
		Locator seenByStreamer = s.locator("#chat .messages li", new Page.LocatorOptions().setHasText(PAYLOAD));
		assertThat(seenByStreamer).isVisible(new IsVisibleOptions().setTimeout(10_000));
		assertThat(seenByStreamer.locator(".name")).hasText(viewerName);
		assertThat(seenByStreamer.locator("img")).hasCount(0);

		s.locator("#chat-input").fill("welcome!");
		s.locator("#chat form button").click();
		Locator streamerLine = v.locator("#chat .messages li", new Page.LocatorOptions().setHasText("welcome!"));
		assertThat(streamerLine.locator(".badge")).hasText("Streamer");
		assertThat(streamerLine.locator(".name")).hasText(NAME_PAYLOAD);
		assertThat(v.locator("main img, main i")).hasCount(0);
		viewer.screenshots("watch-waiting");
		studio.screenshots("studio-chat");

		seenByStreamer.locator("button[data-action='chat.delete']").click();
		assertThat(v.locator("#chat .messages li", new Page.LocatorOptions().setHasText(PAYLOAD))).hasCount(0,
				new HasCountOptions().setTimeout(10_000));
		assertThat(v.locator("#chat .messages li", new Page.LocatorOptions().setHasText("welcome!"))).hasCount(1);

		v.locator("#chat-input").fill("second try");
		v.locator("#chat-input").press("Enter");
		Locator secondTry = s.locator("#chat .messages li", new Page.LocatorOptions().setHasText("second try"));
		secondTry.locator("button[data-action='chat.timeout']").click();
		assertThat(v.locator("#chat .feedback")).containsText("The streamer timed you out",
				new ContainsTextOptions().setTimeout(10_000));
		assertThat(s.locator("#chat .messages li.notice")).hasText(viewerName + " was timed out.");
		v.locator("#chat-input").fill("third try");
		v.locator("#chat-input").press("Enter");
		assertThat(v.locator("#chat .feedback")).containsText("You can chat again in");
		// Chat of one room is ordered (one Kafka partition): once the streamer's next
		// line
		// is in, a "third try" the gateway had let through would be in too.
		s.locator("#chat-input").fill("moving on");
		s.locator("#chat-input").press("Enter");
		assertThat(v.locator("#chat .messages li", new Page.LocatorOptions().setHasText("moving on"))).hasCount(1);
		assertThat(s.locator("#chat .messages li", new Page.LocatorOptions().setHasText("third try"))).hasCount(0);
		viewer.screenshots("watch-timed-out");

		s.locator("#end-button").click();
		assertThat(s.locator("#studio-state")).hasText("Broadcast ended.");
		assertThat(v.locator("#state")).hasText("This broadcast has ended.", new HasTextOptions().setTimeout(15_000));
		viewer.screenshots("watch-ended");

		home.assertClean();
		studio.assertClean();
		viewer.assertClean();
	}

}
