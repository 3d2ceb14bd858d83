package dev.onair.search.query;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;
import dev.onair.search.index.BroadcastIndex;
import dev.onair.search.index.IndexSettings;
import dev.onair.search.index.IndexedBroadcast;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastSearchTests {

	private static final QueryLimits LIMITS = new QueryLimits(200, 20, 100, 10_000);

	private BroadcastIndex index;

	private BroadcastSearch search;

	@BeforeEach
	void indexSomeBroadcasts() throws IOException {
		this.index = new BroadcastIndex(new IndexSettings(Duration.ofMillis(100)));
		this.search = new BroadcastSearch(this.index);
		live("lol", "리그오브레전드랭크게임", "오늘도 달린다", List.of("롤", "게임"));
		live("mc", "Minecraft survival with friends", "Let's build", List.of("minecraft"));
		live("poke", "Pokémon Scarlet Nuzlocke", "", List.of("Pokémon"));
		live("cpp", "C++ (templates) \"deep dive\"", "Learning C++ 20", List.of("coding"));
		live("mixed", "롤 ranked 솔랭 with viewers", "", List.of("lol"));
		live("sc2", "스타크래프트2 래더", "", List.of());
		live("lolrank", "롤ranked 랭크", "", List.of());
		live("wide", "ＡＢＣ full width", "", List.of());
		this.index.refreshNow();
	}

	@AfterEach
	void close() throws IOException {
		this.index.destroy();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			게임            | lol
			랭크게임         | lol
			리그 오브 레전드  | lol
			레전드           | lol
			게              | lol
			mine            | mc
			MINECRAFT       | mc
			minecraft surv  | mc
			pokemon         | poke
			POKÉMON         | poke
			poké            | poke
			"(+*            |
			c++             | cpp
			"deep dive"     | cpp
			(templates      | cpp
			롤 ranked        | mixed
			솔랭             | mixed
			크래프트          | sc2
			스타크래프트2      | sc2
			롤 랭크           | lolrank
			ranked          | lolrank
			abc             | wide
			ａｂｃ            | wide
			""")
	void findsWhatATypistExpects(String query, String expected) {
		SearchPage page = this.search.search(SearchRequest.parse(query, "LIVE", null, null, null, LIMITS));
		List<String> ids = page.items().stream().map(IndexedBroadcast::id).toList();
		if (expected == null) {
			assertThat(ids).isEmpty();
		}
		else {
			assertThat(ids).as("results for %s", query).contains(expected);
		}
	}

	@Test
	void filtersByNormalisedTag() {
		SearchPage page = this.search.search(SearchRequest.parse(null, "LIVE", "pokemon", null, null, LIMITS));
		assertThat(page.items()).extracting(IndexedBroadcast::id).containsExactly("poke");
	}

	@Test
	void suggestsTitles() {
		assertThat(this.search.suggest("mine").titles()).containsExactly("Minecraft survival with friends");
	}

	private void live(String id, String title, String description, List<String> tags) {
		this.index.apply(new BroadcastChanged(id, 1, BroadcastStatus.LIVE, title, description, tags,
				Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"), null, 0, null));
	}

}
