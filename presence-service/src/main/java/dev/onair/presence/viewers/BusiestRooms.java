package dev.onair.presence.viewers;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.presence.membership.Membership;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code onair_presence_viewers{room}}: the busiest rooms among those this instance has
 * published counts for, for the dashboard. Bounded to {@link #ROOMS} series, since one
 * per room would grow with every broadcast. Values are read from Redis on each refresh,
 * not remembered: a room whose partition moved to another instance reads the same here as
 * on its new owner (the dashboard takes the max per room), and a room that emptied drops
 * out wherever it was tracked.
 */
@Component
class BusiestRooms {

	private static final Logger log = LoggerFactory.getLogger(BusiestRooms.class);

	static final int ROOMS = 20;

	private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

	private final Set<String> tracked = ConcurrentHashMap.newKeySet();

	private final Membership membership;

	private final MultiGauge viewers;

	BusiestRooms(Membership membership, MeterRegistry meters) {
		this.membership = membership;
		this.viewers = MultiGauge.builder("onair.presence.viewers")
			.description("Current viewers of the busiest rooms this instance counts")
			.register(meters);
	}

	/** The room's count was just published from here. */
	void track(String room) {
		this.tracked.add(room);
	}

	@Scheduled(fixedDelayString = "${onair.presence.counts.busiest-refresh:10s}")
	void refresh() {
		Map<String, Long> counts = new HashMap<>();
		for (String room : List.copyOf(this.tracked)) {
			try {
				long viewers = this.membership.count(room).block(REDIS_TIMEOUT).viewers();
				if (viewers > 0) {
					counts.put(room, viewers);
				}
				else {
					this.tracked.remove(room);
				}
			}
			catch (RuntimeException ex) {
				log.atWarn().addKeyValue("room", room).setCause(ex).log("Viewer count not read for the gauge");
			}
		}
		this.viewers.register(counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(ROOMS)
			.map((count) -> MultiGauge.Row.of(Tags.of("room", count.getKey()), count.getValue()))
			.toList(), true);
	}

}
