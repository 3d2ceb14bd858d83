package dev.onair.systemtest.web;

import java.util.regex.Pattern;

import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The connection test passes on this machine (WebSocket, a relay candidate from coturn,
 * video through the relay) and says plainly what failed when the TURN server does not
 * answer. The failure is produced without touching the shared coturn: the welcome frame
 * is rewritten in the browser to name a TURN port nothing listens on.
 */
@RealInfrastructure({ Needs.STACK, Needs.TURN, Needs.BROWSER })
class ConnectionTestPageIT {

	private static final String DEAD_TURN_PORT = "3479";

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
	void passesEveryCheckOnThisMachine() {
		PageWatch watch = new PageWatch(browser.context());
		ClientBrowser.navigate(watch.page, "/connection-test");
		watch.page.locator("#run").click();
		assertThat(watch.page.locator("body")).hasAttribute("data-result", "pass",
				new HasAttributeOptions().setTimeout(30_000));
		for (String check : new String[] { "#check-ws", "#check-turn", "#check-media" }) {
			assertThat(watch.page.locator(check)).hasAttribute("data-result", "pass");
		}
		assertThat(watch.page.locator("#check-turn .detail")).containsText("10.203.");
		watch.screenshots("connection-test");
		watch.assertClean();
	}

	@Test
	void explainsAFailureWhenTheTurnServerDoesNotAnswer() {
		PageWatch watch = new PageWatch(browser.context());
		watch.page.routeWebSocket(Pattern.compile(".*/ws$"), (WebSocketRoute client) -> {
			WebSocketRoute server = client.connectToServer();
			client.onMessage((frame) -> server.send(frame.text()));
			server.onMessage((frame) -> client.send(frame.text().replaceAll(":3478", ":" + DEAD_TURN_PORT)));
		});
		ClientBrowser.navigate(watch.page, "/connection-test");
		watch.page.locator("#run").click();
		assertThat(watch.page.locator("body")).hasAttribute("data-result", "fail",
				new HasAttributeOptions().setTimeout(30_000));
		assertThat(watch.page.locator("#check-ws")).hasAttribute("data-result", "pass");
		assertThat(watch.page.locator("#check-turn")).hasAttribute("data-result", "fail");
		assertThat(watch.page.locator("#check-turn .advice")).isVisible();
		assertThat(watch.page.locator("#check-turn .advice")).containsText("relay server did not answer");
		// The loopback needs the relay: it is skipped, without camera advice that would
		// mislead.
		assertThat(watch.page.locator("#check-media")).hasAttribute("data-result", "skipped");
		assertThat(watch.page.locator("#check-media .advice")).isHidden();
		assertThat(watch.page.locator("#summary")).containsText("Some checks failed");
		watch.screenshots("connection-test-turn-down");
		watch.assertClean();
	}

}
