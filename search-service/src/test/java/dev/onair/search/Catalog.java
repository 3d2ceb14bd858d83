package dev.onair.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;

/**
 * A reproducible set of broadcasts: named fixtures whose words the query tables look for,
 * plus filler drawn from a vocabulary that shares no word, prefix or Korean bigram with
 * those queries, so every expected result set is exact.
 */
final class Catalog {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	private static final List<String> FILLER_WORDS = List.of("음악", "노래", "요리", "여행", "일상", "수다", "공부", "독서", "운동", "산책",
			"캠핑", "낚시", "그림", "피아노", "chill", "cooking", "travel", "study", "reading", "workout", "walk", "camping",
			"fishing", "daily", "talk", "late", "night", "morning", "coffee", "jazz", "piano", "guitar", "art",
			"drawing", "sunday", "vibes", "friends");

	private static final List<String> FILLER_TAGS = List.of("music", "talk", "daily", "음악", "일상", "Art");

	private final Map<String, BroadcastChanged> broadcasts = new LinkedHashMap<>();

	private final Map<String, Long> viewers = new LinkedHashMap<>();

	/** Earlier versions sent before (and one replayed after) the final snapshot. */
	private final Map<String, BroadcastChanged> superseded = new LinkedHashMap<>();

	static Catalog withFillers(int fillers, long seed) {
		Catalog catalog = new Catalog();
		catalog.fixtures();
		Random random = new Random(seed);
		for (int i = 0; i < fillers; i++) {
			String id = String.format("fill-%05d", i);
			String title = word(random) + " " + word(random) + ((i % 3 == 0) ? " " + word(random) : "");
			List<String> tags = List.of(FILLER_TAGS.get(random.nextInt(FILLER_TAGS.size())));
			boolean live = random.nextInt(10) < 6;
			catalog.add(id, live ? BroadcastStatus.LIVE : BroadcastStatus.ENDED, title,
					word(random) + " " + word(random), tags, live ? random.nextInt(3000) : 0, random.nextInt(100_000));
		}
		return catalog;
	}

	private void fixtures() {
		add("f01", BroadcastStatus.LIVE, "리그오브레전드랭크게임", "다이아 가즈아", List.of("롤", "게임"), 900, 1);
		add("f02", BroadcastStatus.LIVE, "배그 랭크 게임 방송", "", List.of("배그"), 300, 2);
		add("f03", BroadcastStatus.LIVE, "마인크래프트 야생 생존", "", List.of("마인크래프트", "minecraft"), 120, 3);
		add("f04", BroadcastStatus.LIVE, "Minecraft Hardcore Speedrun", "any% glitchless", List.of("minecraft"), 4000,
				4);
		add("f05", BroadcastStatus.LIVE, "Pokémon Scarlet Nuzlocke", "", List.of("pokemon"), 50, 5);
		add("f06", BroadcastStatus.LIVE, "POKEMON card opening 포켓몬 카드", "", List.of("tcg"), 75, 6);
		add("f07", BroadcastStatus.ENDED, "Zelda: Tears of the Kingdom 100%", "", List.of("nintendo"), 0, 7);
		add("f08", BroadcastStatus.LIVE, "롤 ranked 솔랭 grind", "", List.of("lol"), 610, 8);
		add("f09", BroadcastStatus.LIVE, "먹방 mukbang 치킨", "", List.of("먹방"), 20, 9);
		add("f10", BroadcastStatus.LIVE, "C++ templates deep dive", "(advanced) \"generic\" programming +more*",
				List.of("coding"), 33, 10);
		add("f11", BroadcastStatus.ENDED, "스타크래프트2 래더", "", List.of("게임", "starcraft"), 0, 11);
		add("f12", BroadcastStatus.LIVE, "Café music 카페 음악", "", List.of("music"), 5, 12);
		add("f13", BroadcastStatus.READY, "비밀 게임 준비중", "", List.of("게임"), 0, 13);
		add("f14", BroadcastStatus.ENDED, "랭크게임 하이라이트", "지난 방송 다시보기", List.of(), 0, 14);
		add("f15", BroadcastStatus.LIVE, "Late night stream", "오늘은 리그오브레전드 랭크", List.of(), 15, 15);
	}

	private void add(String id, BroadcastStatus status, String title, String description, List<String> tags,
			long viewers, int minute) {
		Instant created = T0.plusSeconds(minute * 60L);
		Instant started = (status == BroadcastStatus.READY) ? null : created.plusSeconds(30);
		Instant ended = (status == BroadcastStatus.ENDED) ? started.plusSeconds(3600) : null;
		long version = switch (status) {
			case READY -> 1;
			case LIVE -> 2;
			case ENDED -> 3;
		};
		BroadcastChanged last = new BroadcastChanged(id, version, status, title, description, tags, created, started,
				ended, viewers, "/api/broadcasts/" + id + "/thumbnail");
		this.broadcasts.put(id, last);
		if (status != BroadcastStatus.READY) {
			// The LIVE snapshot (or for ENDED ones the earlier LIVE) with an older title.
			this.superseded.put(id, new BroadcastChanged(id, version - 1, BroadcastStatus.LIVE, "draft " + id, "",
					List.of(), created, started, null, 0, null));
		}
		if (status == BroadcastStatus.LIVE) {
			this.viewers.put(id, viewers);
		}
	}

	/**
	 * Sends everything the way real producers could interleave it: some counts before
	 * their broadcast, older versions first and one stale version replayed at the end.
	 */
	void feed(KafkaFeed feed) {
		int i = 0;
		for (Map.Entry<String, Long> count : this.viewers.entrySet()) {
			if (i++ % 2 == 0) {
				feed.viewers(count.getKey(), count.getValue());
			}
		}
		this.superseded.values().forEach(feed::broadcast);
		this.broadcasts.values().forEach(feed::broadcast);
		i = 0;
		for (Map.Entry<String, Long> count : this.viewers.entrySet()) {
			if (i++ % 2 == 1) {
				feed.viewers(count.getKey(), count.getValue());
			}
		}
		this.superseded.values().forEach(feed::broadcast);
		feed.flush();
	}

	int size() {
		return this.broadcasts.size();
	}

	List<String> ids(Predicate<BroadcastChanged> filter) {
		return this.broadcasts.values().stream().filter(filter).map(BroadcastChanged::id).toList();
	}

	/** The live list as the service must order it: viewers, then recency, then id. */
	List<String> liveOrder() {
		List<BroadcastChanged> live = new ArrayList<>(
				this.broadcasts.values().stream().filter((b) -> b.status() == BroadcastStatus.LIVE).toList());
		live.sort(Comparator.comparingLong((BroadcastChanged b) -> -this.viewers.get(b.id()))
			.thenComparing(BroadcastChanged::startedAt, Comparator.reverseOrder())
			.thenComparing(BroadcastChanged::id));
		return live.stream().map(BroadcastChanged::id).toList();
	}

	private static String word(Random random) {
		return FILLER_WORDS.get(random.nextInt(FILLER_WORDS.size()));
	}

}
