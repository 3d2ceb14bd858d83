package dev.onair.systemtest.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * A publisher and a viewer with {@code iceTransportPolicy: 'relay'} work through coturn,
 * using the short-lived credentials the gateway put in its welcome; credentials signed
 * with the right secret but already expired get no relay.
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
	void publisherAndViewerForcedThroughTurnDecode720p() {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, true, true);
		assertThat(MediaPages.path(publisher, "publisher")).isEqualTo("relay");

		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "720p", true);
		Awaitility.await("relayed viewer decodes 1280x720")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.size(viewer)).isEqualTo("1280x720"));
		assertThat(MediaPages.path(viewer, "viewer")).isEqualTo("relay");
	}

	@Test
	void expiredTurnCredentialsAreRefused() {
		Page page = MediaPages.open(browser.context());
		@SuppressWarnings("unchecked")
		Map<String, Object> issued = (Map<String, Object>) page
			.evaluate("() => window.onair.signal.welcome.iceServers.find((s) => s.username)");
		assertThat(relayCandidates(page, issued)).as("the gateway's credentials get a relay").isPositive();

		String username = (Instant.now().getEpochSecond() - 60) + ":expired-viewer";
		Map<String, Object> expired = Map.of("urls", issued.get("urls"), "username", username, "credential",
				turnPassword(username));
		assertThat(relayCandidates(page, expired)).as("expired credentials get none").isZero();
	}

	/** Gathers candidates with only this TURN server allowed; counts the relayed ones. */
	private static int relayCandidates(Page page, Map<String, Object> server) {
		return ((Number) page.evaluate("""
				async (server) => {
				  const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
				  pc.createDataChannel('probe');
				  let relays = 0;
				  const done = new Promise((resolve) => pc.addEventListener('icecandidate', (e) => {
				    if (!e.candidate) resolve();
				    else if (e.candidate.type === 'relay') relays += 1;
				  }));
				  await pc.setLocalDescription(await pc.createOffer());
				  await done;
				  pc.close();
				  return relays;
				}""", server)).intValue();
	}

	/** coturn's TURN REST credential: base64(HMAC-SHA1(secret, username)). */
	private static String turnPassword(String username) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(LocalStack.get().turnSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
