package dev.onair.systemtest.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

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
 * A publisher with the fake camera (720p + 480p simulcast) and three viewers in one
 * Chromium: every viewer decodes 1280×720, one switches to 480p and back, one on auto is
 * told its layer.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class PublishAndWatchIT {

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
	void threeViewersDecode720pAndOneSwitchesTo480pAndBack() throws Exception {
		Page publisher = MediaPages.open(browser.context());
		String room = MediaPages.publish(publisher, true);

		List<Page> viewers = List.of(MediaPages.open(browser.context()), MediaPages.open(browser.context()),
				MediaPages.open(browser.context()));
		MediaPages.watch(viewers.get(0), room, "720p", false);
		MediaPages.watch(viewers.get(1), room, "auto", false);
		MediaPages.watch(viewers.get(2), room, "720p", false);
		for (Page viewer : viewers) {
			Awaitility.await("viewer decodes 1280x720")
				.atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(MediaPages.size(viewer)).isEqualTo("1280x720"));
		}

		assertThat((String) publisher.evaluate(
				"""
						() => window.onair.publisher.pc.getSenders()
						  .filter((s) => s.track.kind === 'video').map((s) => s.getParameters().degradationPreference).join()"""))
			.as("a busy publisher drops frames, not the 720p layer's pixels")
			.isEqualTo("maintain-resolution");
		Page switching = viewers.get(0);
		switching.evaluate("() => window.onair.viewer.setQuality('480p')");
		long asked = System.nanoTime();
		Awaitility.await("switch to 480p within 2 s")
			.atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(MediaPages.size(switching)).isIn("853x480", "854x480"));
		long switchMillis = Duration.ofNanos(System.nanoTime() - asked).toMillis();
		assertThat(MediaPages.layer(switching)).isEqualTo("480p");
		switching.evaluate("() => window.onair.viewer.setQuality('720p')");
		long askedBack = System.nanoTime();
		Awaitility.await("back to 720p within 2 s")
			.atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(MediaPages.size(switching)).isEqualTo("1280x720"));
		long backMillis = Duration.ofNanos(System.nanoTime() - askedBack).toMillis();
		assertThat(MediaPages.layer(switching)).isEqualTo("720p");
		System.out.println(
				"720p -> 480p switch seen after " + switchMillis + " ms, back to 720p after " + backMillis + " ms");

		Page auto = viewers.get(1);
		Awaitility.await("auto reports its layer")
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(MediaPages.layer(auto)).isIn("720p", "480p"));
		assertThat(MediaPages.events(auto)).anyMatch((event) -> event.startsWith("layer:"));
		assertThat((String) auto.evaluate("() => window.onair.viewer.layers.join(',')")).isEqualTo("720p,480p");

		// What the dashboard's Janus-load and signaling-latency panels read.
		assertThat(metric(8085, "onair_media_janus_node_subscribers{")).as("viewers on the Janus node")
			.isGreaterThanOrEqualTo(3);
		assertThat(metric(8082, "onair_signaling_latency_seconds_count{", "request=\"watch\"")
				+ metric(8092, "onair_signaling_latency_seconds_count{", "request=\"watch\""))
			.as("watch -> offer round trips timed by the gateways")
			.isGreaterThanOrEqualTo(3);
	}

	/**
	 * The sum of a service's Prometheus samples whose line starts with {@code series}.
	 */
	private static double metric(int port, String series, String... tags) throws Exception {
		String scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		return scrape.lines()
			.filter((line) -> line.startsWith(series) && Stream.of(tags).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
