package dev.onair.systemtest.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing with WHIP (RFC 9725), as OBS does, with no studio page publishing: the
 * broadcast goes LIVE, a viewer over the WebSocket protocol and a player over WHEP decode
 * it (the player counted as a viewer until its DELETE or its hang-up), DELETE ends it
 * after the grace; the token and the one-publisher rule are enforced with the statuses
 * the RFC names.
 */
@RealInfrastructure({ Needs.STACK, Needs.BROWSER, Needs.JANUS })
class WhipIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ClientBrowser browser;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void startBrowser() {
		browser = ClientBrowser.start();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	@Test
	void anEncoderPublishesWithoutTheStudioAndEndsWithDelete() throws Exception {
		JsonNode broadcast = create();
		String room = broadcast.path("id").asString();
		String token = broadcast.path("ownerToken").asString();
		// The studio stays open beside OBS, joined as the owner to chat; it publishes
		// nothing, so it is no publisher OBS would conflict with.
		Page studio = MediaPages.open(browser.context());
		studio.evaluate("([room, token]) => window.onair.join(room, 'publisher', token)", List.of(room, token));

		Page encoder = page();
		Map<String, Object> published = WhipPages.publish(encoder, room, token, false, false);
		assertThat(published.get("status")).as("%s", published.get("body")).isEqualTo(201);
		assertThat((String) published.get("contentType")).startsWith("application/sdp");
		assertThat((String) published.get("location")).matches("/api/broadcasts/" + room + "/whip/w-[0-9a-f]{16}");
		assertThat((String) published.get("body")).contains("a=candidate:").contains("a=end-of-candidates");
		assertThat((String) published.get("links")).contains("<turn:").contains("rel=\"ice-server\"");
		Awaitility.await("broadcast LIVE once the encoder's media flows")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(status(room)).isEqualTo("LIVE"));

		Page second = page();
		Map<String, Object> conflict = WhipPages.publish(second, room, token, false, false);
		assertThat(conflict.get("status")).as("a second encoder").isEqualTo(409);
		assertThat((String) conflict.get("body")).contains("urn:onair:problem:publisher-live");
		assertThat(WhipPages.publish(second, room, null, false, false).get("status")).as("no token").isEqualTo(401);
		assertThat(WhipPages.publish(second, room, "v2.garbage", false, false).get("status")).as("not a token")
			.isEqualTo(401);
		String otherToken = create().path("ownerToken").asString();
		assertThat(WhipPages.publish(second, room, otherToken, false, false).get("status"))
			.as("another broadcast's token")
			.isEqualTo(403);

		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "auto", false);
		Awaitility.await("a WebSocket viewer decodes the encoder's video")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.frames(viewer)).isGreaterThan(20));
		assertThat(MediaPages.size(viewer)).isNotEqualTo("0x0");

		// A player over WHEP beside it, counted as a viewer.
		Page player = page();
		Map<String, Object> watching = WhipPages.watch(player, room, "720p", false);
		assertThat(watching.get("status")).as("%s", watching.get("body")).isEqualTo(201);
		assertThat((String) watching.get("location")).matches("/api/broadcasts/" + room + "/whep/p-[0-9a-f]{16}");
		assertThat((String) watching.get("body")).contains("a=candidate:").contains("a=setup:passive");
		assertThat((String) watching.get("links")).contains("<turn:");
		Awaitility.await("a WHEP player decodes the encoder's video")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> {
				Map<String, Object> watched = WhipPages.watched(player);
				assertThat(((Number) watched.get("frames")).intValue()).as("%s", watched).isGreaterThan(20);
			});
		assertThat(WhipPages.watched(player).get("size")).isNotEqualTo("0x0");
		Awaitility.await("the WHEP player counted beside the WebSocket viewer")
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(viewers(room)).isEqualTo(2));
		assertThat(WhipPages.stopWatching(player)).isEqualTo(200);
		assertThat(WhipPages.stopWatching(player)).as("ended already").isEqualTo(404);
		Awaitility.await("the WHEP player no longer counted")
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(viewers(room)).isEqualTo(1));
		assertThat(WhipPages.watch(player, room, "1080p", false).get("status")).as("an unknown quality").isEqualTo(400);
		// A player trickling its candidates with PATCH, that goes without DELETE: its
		// media's end ends the subscription.
		assertThat(WhipPages.watch(player, room, "auto", true).get("status")).isEqualTo(201);
		assertThat(player.evaluate("() => window.whep.patches")).as("trickle PATCH").isEqualTo(List.of(204));
		Awaitility.await("the second WHEP player counted and playing")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> {
				Map<String, Object> watched = WhipPages.watched(player);
				assertThat(((Number) watched.get("frames")).intValue()).as("%s", watched).isGreaterThan(0);
				assertThat(viewers(room)).isEqualTo(2);
			});
		player.evaluate("() => window.whep.pc.close()");
		Awaitility.await("a WHEP player that hung up no longer counted")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(viewers(room)).isEqualTo(1));
		assertThat(WhipPages.stopWatching(player)).as("ended by its hang-up").isEqualTo(404);

		assertThat(WhipPages.delete(encoder)).isEqualTo(200);
		assertThat(WhipPages.delete(encoder)).as("ended already").isEqualTo(404);
		Awaitility.await("ENDED after the publisher grace, viewers told")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(MediaPages.events(viewer)).contains("ended:" + room));
		assertThat(status(room)).isEqualTo("ENDED");
		assertThat(WhipPages.publish(second, room, token, false, false).get("status")).as("an ended broadcast")
			.isEqualTo(410);
	}

	@Test
	void anH264EncoderTricklingItsCandidatesIsWatchedOnItsNodeAndAnEdge() throws Exception {
		JsonNode broadcast = create();
		String room = broadcast.path("id").asString();
		Page encoder = page();
		Map<String, Object> published = WhipPages.publish(encoder, room, broadcast.path("ownerToken").asString(), true,
				true);
		assertThat(published.get("status")).as("%s", published.get("body")).isEqualTo(201);
		assertThat((String) published.get("body")).containsIgnoringCase("H264/90000").doesNotContain("VP8/90000");
		assertThat(encoder.evaluate("() => window.whip.patches")).as("trickle PATCH").isEqualTo(List.of(204));
		Awaitility.await("broadcast LIVE")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(status(room)).isEqualTo("LIVE"));
		assertThat(WhipPages.sentCodec(encoder)).isEqualTo("video/H264");

		Page viewer = MediaPages.open(browser.context());
		MediaPages.watch(viewer, room, "auto", false);
		Awaitility.await("a viewer decodes H.264")
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(MediaPages.frames(viewer)).isGreaterThan(20));
		assertThat(WhipPages.receivedCodec(viewer)).isEqualTo("video/H264");
		assertThat((String) viewer.evaluate("() => window.onair.viewer.layers.join(',')")).isEqualTo("720p");

		// The origin full: the next viewer goes to another node, which gets the room by
		// the cascade, described with the publisher's codec.
		int origin = MediaNodes.originHost(room);
		String originNode = MediaNodes.ids(LocalStack.get().mediaHosts()).get(origin - 1);
		MediaNodes.capacity(originNode, MediaNodes.viewers(originNode));
		try {
			Page edgeViewer = MediaPages.open(browser.context());
			MediaPages.watch(edgeViewer, room, "auto", false);
			Awaitility.await("a viewer on an edge decodes H.264")
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(MediaPages.frames(edgeViewer)).isGreaterThan(20));
			assertThat(MediaNodes.hostOf(MediaPages.remoteAddress(edgeViewer, "viewer"))).isNotEqualTo(origin);
			assertThat(WhipPages.receivedCodec(edgeViewer)).isEqualTo("video/H264");
		}
		finally {
			MediaNodes.defaultCapacity(originNode);
		}
		// After the cascade, whose capacity reading a refused player's place would skew.
		// Janus sends the publisher's payload type numbers and rewrites none: Chromium's
		// H.264-only offer numbered H.264 otherwise than a player's offer does.
		Page player = page();
		Map<String, Object> watching = WhipPages.watch(player, room, "auto", false);
		assertThat(watching.get("status")).as("%s", watching.get("body")).isEqualTo(422);
		assertThat((String) watching.get("body")).contains("payload type");
		assertThat(WhipPages.delete(encoder)).isEqualTo(200);
	}

	private Page page() {
		Page page = browser.context().newPage();
		ClientBrowser.navigate(page, "/");
		return page;
	}

	private JsonNode create() throws Exception {
		HttpResponse<String> created = this.http
			.send(HttpRequest.newBuilder(URI.create(ClientBrowser.ORIGIN + "/api/broadcasts"))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"title\": \"WHIP\", \"description\": \"encoder\", \"tags\": []}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body());
	}

	private long viewers(String room) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(ClientBrowser.ORIGIN + "/api/rooms/" + room + "/viewers"))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body()).path("viewers").asLong();
	}

	private String status(String room) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(ClientBrowser.ORIGIN + "/api/broadcasts/" + room))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body()).path("status").asString();
	}

}
