package dev.onair.systemtest.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import dev.onair.systemtest.media.MediaPages;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client (signal.js) does not give up on a request the gateway refused only for
 * now ({@code unavailable}, {@code rate.limited}): when every client comes back at once
 * after an edge-web or gateway restart, such a refusal used to leave a page connected but
 * in no room, uncounted (the drills' count of 32 of 33). Nor on a connection whose hello
 * gets no answer at all.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER })
class WebClientRetryIT {

	/** Connects the web client as the pages do; the session id of its first welcome. */
	private static final String CONNECT = """
			async () => {
			  const { Signal } = await import('/js/signal.js');
			  const welcome = await new Signal().connect();
			  return welcome.session;
			}""";

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
	void aJoinRefusedAsRateLimitedIsSentAgainAfterTheWaitAndJoins() {
		Page page = MediaPages.openWebClient(browser.context());
		String room = createBroadcast(page);
		page.evaluate("""
				() => {
				  window.onair.errors = [];
				  window.onair.signal.on('error', (e) => window.onair.errors.push(e));
				  window.onair.joined = [];
				  window.onair.signal.on('joined', (j) => window.onair.joined.push(j.room));
				}""");
		// Over the gateway's 100 frames in 2 s, so the join right after is refused.
		page.evaluate("""
				(room) => {
				  for (let i = 0; i < 110; i++) window.onair.signal.send({ type: 'leave', room });
				  window.onair.signal.join(room);
				}""", room);

		Awaitility.await("the join is refused as rate limited, then sent again and joined")
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> {
				assertThat(errors(page)).anySatisfy((error) -> {
					assertThat(error).containsEntry("code", "rate.limited").containsEntry("ref", "join:" + room);
				});
				assertThat(joined(page)).contains(room);
			});
	}

	@Test
	void aHelloRefusedAsUnavailableIsSentAgainOnANewConnection() {
		Page page = browser.context().newPage();
		AtomicBoolean refused = new AtomicBoolean();
		// The first hello is answered as a gateway whose Redis did not answer in time
		// would.
		page.routeWebSocket(Pattern.compile(".*/ws$"), (WebSocketRoute client) -> {
			WebSocketRoute server = client.connectToServer();
			client.onMessage((frame) -> {
				if (frame.text().contains("\"hello\"") && refused.compareAndSet(false, true)) {
					client
						.send("""
								{"type":"error","code":"unavailable","message":"retry","ref":"hello","retryAfterMs":200}""");
				}
				else {
					server.send(frame.text());
				}
			});
			server.onMessage((frame) -> client.send(frame.text()));
		});
		ClientBrowser.navigate(page, "/");
		String session = (String) page.evaluate(CONNECT);

		assertThat(refused).isTrue();
		assertThat(session).isNotBlank();
	}

	@Test
	void aHelloWithNoAnswerIsSentAgainOnANewConnection() {
		Page page = browser.context().newPage();
		AtomicInteger connections = new AtomicInteger();
		// The first connection is a dead end: its hello reaches no gateway and nothing
		// comes back, as when a proxy keeps the browser's side open.
		page.routeWebSocket(Pattern.compile(".*/ws$"), (WebSocketRoute client) -> {
			if (connections.incrementAndGet() == 1) {
				client.onMessage((frame) -> {
				});
				return;
			}
			WebSocketRoute server = client.connectToServer();
			client.onMessage((frame) -> server.send(frame.text()));
			server.onMessage((frame) -> client.send(frame.text()));
		});
		ClientBrowser.navigate(page, "/");
		long started = System.nanoTime();
		String session = (String) page.evaluate(CONNECT);

		assertThat(session).isNotBlank();
		assertThat(connections).hasValue(2);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
	}

	private static String createBroadcast(Page page) {
		return (String) page.evaluate("""
				async () => {
				  const response = await fetch('/api/broadcasts', {
				    method: 'POST',
				    headers: { 'Content-Type': 'application/json' },
				    body: JSON.stringify({ title: 'web client retry' }),
				  });
				  return (await response.json()).id;
				}""");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errors(Page page) {
		return (List<Map<String, Object>>) page.evaluate("() => window.onair.errors");
	}

	@SuppressWarnings("unchecked")
	private static List<String> joined(Page page) {
		return (List<String>) page.evaluate("() => window.onair.joined");
	}

}
