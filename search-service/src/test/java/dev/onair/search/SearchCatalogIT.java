package dev.onair.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 broadcasts in Korean, English and both go through real Kafka; a table of queries
 * must return exactly the expected broadcasts, and a replica started afterwards on the
 * same topics must rebuild an index that answers every query byte for byte the same.
 */
@RealInfrastructure(Needs.KAFKA)
class SearchCatalogIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Catalog CATALOG = Catalog.withFillers(485, 42);

	private static final String PREFIX = TestNames.uniqueId(SearchCatalogIT.class) + ".";

	private static SearchApp first;

	@BeforeAll
	static void feedTheCatalogThenStartAReplica() {
		try (KafkaFeed feed = new KafkaFeed(PREFIX)) {
			CATALOG.feed(feed);
		}
		first = SearchApp.start(PREFIX).awaitReady(Duration.ofSeconds(60));
	}

	@AfterAll
	static void stop() {
		if (first != null) {
			first.close();
		}
	}

	/** One row: query parameters and the exact set of broadcasts they must return. */
	private record Row(String q, String status, String tag, List<String> expected) {

		static Row of(String q, String status, String... expected) {
			return new Row(q, status, null, List.of(expected));
		}

		static Row tag(String tag, String status, List<String> expected) {
			return new Row(null, status, tag, expected);
		}

		String uri() {
			StringBuilder uri = new StringBuilder("/api/search?size=100");
			if (this.q != null) {
				uri.append("&q={q}");
			}
			if (this.tag != null) {
				uri.append("&tag={tag}");
			}
			return uri.append("&status=").append(this.status).toString();
		}

		Map<String, String> variables() {
			Map<String, String> variables = new LinkedHashMap<>();
			if (this.q != null) {
				variables.put("q", this.q);
			}
			if (this.tag != null) {
				variables.put("tag", this.tag);
			}
			return variables;
		}

	}

	private static List<Row> table() {
		List<Row> rows = new ArrayList<>(List.of(
				// Korean compounds written without spaces
				Row.of("게임", "LIVE", "f01", "f02"), Row.of("게임", "ALL", "f01", "f02", "f11", "f14"),
				Row.of("랭크", "ALL", "f01", "f02", "f14", "f15"), Row.of("리그오브레전드", "LIVE", "f01", "f15"),
				Row.of("레전드", "LIVE", "f01", "f15"), Row.of("리그 오브 레전드", "LIVE", "f01", "f15"),
				Row.of("마인크래프트", "LIVE", "f03"), Row.of("크래프트", "ALL", "f03", "f11"), Row.of("하이라이트", "ENDED", "f14"),
				Row.of("하이라이트", "LIVE"),
				// English prefixes as you type, case and accents
				Row.of("mine", "LIVE", "f03", "f04"), Row.of("MINECRAFT", "LIVE", "f03", "f04"),
				Row.of("minecraft hard", "LIVE", "f04"), Row.of("pokemon", "LIVE", "f05", "f06"),
				Row.of("Pokémon", "LIVE", "f05", "f06"), Row.of("poke", "LIVE", "f05", "f06"),
				Row.of("cafe", "LIVE", "f12"), Row.of("CAFÉ", "LIVE", "f12"), Row.of("zel", "ENDED", "f07"),
				Row.of("zel", "LIVE"), Row.of("mukbang", "LIVE", "f09"),
				// Mixed scripts
				Row.of("롤 ranked", "LIVE", "f08"), Row.of("포켓몬 card", "LIVE", "f06"), Row.of("먹방 치킨", "LIVE", "f09"),
				Row.of("lol", "LIVE", "f08"),
				// Query syntax is text
				Row.of("\"(+*", "ALL"), Row.of("c++ templates", "LIVE", "f10"),
				Row.of("\"generic\" +more*", "LIVE", "f10"), Row.of("(zelda", "ALL", "f07"),
				Row.of("title:zelda AND", "ALL"), Row.of("zelda~ OR -x", "ALL"),
				// Exact tags, folded like text
				Row.tag("게임", "ALL", List.of("f01", "f11")), Row.tag("MINECRAFT", "LIVE", List.of("f03", "f04")),
				Row.tag("Pokémon", "LIVE", List.of("f05"))));
		for (String tag : List.of("music", "art", "일상")) {
			rows.add(Row.tag(tag, "ALL", CATALOG.ids((b) -> b.status() != BroadcastStatus.READY
					&& b.tags().stream().anyMatch((t) -> t.equalsIgnoreCase(tag)))));
		}
		return rows;
	}

	@Test
	void holdsReadinessUntilEveryBroadcastIsIndexed() {
		// Readiness was awaited in @BeforeAll: at that moment everything must already be
		// there.
		JsonNode all = get(first, "/api/search?status=ALL&size=1", Map.of());
		assertThat(all.get("total").asLong()).isEqualTo(CATALOG.ids((b) -> b.status() != BroadcastStatus.READY).size());
		JsonNode live = get(first, "/api/search?size=1", Map.of());
		assertThat(live.get("total").asLong()).isEqualTo(CATALOG.ids((b) -> b.status() == BroadcastStatus.LIVE).size());
	}

	@Test
	void answersTheQueryTable() {
		for (Row row : table()) {
			JsonNode page = get(first, row.uri(), row.variables());
			List<String> ids = ids(page);
			assertThat(ids).as("q=%s status=%s tag=%s", row.q(), row.status(), row.tag())
				.containsExactlyInAnyOrderElementsOf(row.expected());
			assertThat(page.get("total").asLong()).isEqualTo(row.expected().size());
		}
	}

	@Test
	void ignoresStaleVersionsAndNeverListsReadyBroadcasts() {
		JsonNode zelda = get(first, "/api/search?q=zelda&status=ALL", Map.of());
		assertThat(zelda.get("items").get(0).get("status").asString()).isEqualTo("ENDED");
		assertThat(get(first, "/api/search?q=draft&status=ALL", Map.of()).get("total").asLong()).isZero();
		assertThat(get(first, "/api/search?q=비밀&status=ALL", Map.of()).get("total").asLong()).isZero();
	}

	@Test
	void listsLiveBroadcastsByViewersThenRecency() {
		List<String> expected = CATALOG.liveOrder();
		List<String> listed = new ArrayList<>();
		for (int page = 0; page * 100 < expected.size(); page++) {
			listed.addAll(ids(get(first, "/api/search?status=LIVE&size=100&page=" + page, Map.of())));
		}
		assertThat(listed).containsExactlyElementsOf(expected);
		JsonNode top = get(first, "/api/search?size=1", Map.of()).get("items").get(0);
		assertThat(top.get("id").asString()).isEqualTo("f04");
		assertThat(top.get("viewers").asLong()).isEqualTo(4000);
		assertThat(top.get("title").asString()).isEqualTo("Minecraft Hardcore Speedrun");
		assertThat(top.get("tags").get(0).asString()).isEqualTo("minecraft");
		assertThat(top.get("startedAt").asString()).isEqualTo("2026-11-25T10:04:30Z");
		assertThat(top.get("thumbnailUrl").asString()).isEqualTo("/api/broadcasts/f04/thumbnail");
	}

	@Test
	void aRestartedReplicaRebuildsAnIdenticalIndex() {
		List<String> before = answers(first);
		try (SearchApp second = SearchApp.start(PREFIX).awaitReady(Duration.ofSeconds(60))) {
			assertThat(answers(second)).containsExactlyElementsOf(before);
		}
	}

	/** Every response body of the table, the listings and suggestions, as raw JSON. */
	private static List<String> answers(SearchApp app) {
		List<String> bodies = new ArrayList<>();
		Stream
			.concat(table().stream().map((row) -> new Object[] { row.uri(), row.variables() }),
					Stream
						.of("/api/search?size=100", "/api/search?status=ALL&size=100&page=3",
								"/api/search?status=ENDED&size=50", "/api/search/suggest?q=mine",
								"/api/search/suggest?q=게임", "/api/search/suggest?q=c")
						.map((uri) -> new Object[] { uri, Map.<String, String>of() }))
			.forEach((request) -> {
				@SuppressWarnings("unchecked")
				Map<String, String> variables = (Map<String, String>) request[1];
				bodies.add(body(app, (String) request[0], variables));
			});
		return bodies;
	}

	private static JsonNode get(SearchApp app, String uri, Map<String, String> variables) {
		return JSON.readTree(body(app, uri, variables));
	}

	private static String body(SearchApp app, String uri, Map<String, String> variables) {
		return app.http()
			.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("items").forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

}
