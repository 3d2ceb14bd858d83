package dev.onair.media.viewers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.media.janus.JanusException;
import dev.onair.media.placement.PlacementProperties;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.rooms.Edge;
import dev.onair.media.rooms.Edges;
import dev.onair.media.rooms.Rooms;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases an edge that has had no viewers of its room for the linger
 * ({@code onair.media.placement.edge-linger}, 30 s): long enough that a viewer who
 * reloads, or the next one of a busy room, does not pay for a new cascade. Runs on
 * Spring's default scheduler, which may wait on Janus and Redis.
 */
@Component
class EdgeLinger {

	private static final Logger log = LoggerFactory.getLogger(EdgeLinger.class);

	/** Edge (room/node) → when it was first seen without viewers (ms). */
	private final Map<String, Long> idleSince = new ConcurrentHashMap<>();

	private final Rooms rooms;

	private final Edges edges;

	private final Viewers viewers;

	private final long lingerMillis;

	EdgeLinger(Rooms rooms, Edges edges, Viewers viewers, PlacementProperties properties) {
		this.rooms = rooms;
		this.edges = edges;
		this.viewers = viewers;
		this.lingerMillis = properties.edgeLinger().toMillis();
	}

	@Scheduled(fixedDelay = 5000)
	void sweep() {
		long now = System.currentTimeMillis();
		Map<String, Long> seen = new ConcurrentHashMap<>();
		for (Edge edge : this.edges.owned()) {
			String key = edge.room() + "/" + edge.node();
			boolean watched = this.viewers.local()
				.stream()
				.anyMatch((viewer) -> viewer.room().equals(edge.room()) && viewer.node().equals(edge.node()));
			if (watched) {
				continue;
			}
			long since = this.idleSince.getOrDefault(key, now);
			seen.put(key, since);
			if (now - since < this.lingerMillis) {
				continue;
			}
			try {
				this.rooms.findOrTakeOver(edge.room())
					.ifPresentOrElse((room) -> this.edges.release(room, edge), () -> this.edges.forget(edge));
				seen.remove(key);
			}
			catch (JanusException | MediaRefusal ex) {
				log.debug("Edge {} of room {} stays for now: {}", edge.node(), edge.room(), ex.getMessage());
			}
		}
		this.idleSince.keySet().retainAll(seen.keySet());
		this.idleSince.putAll(seen);
	}

}
