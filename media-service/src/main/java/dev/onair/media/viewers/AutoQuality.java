package dev.onair.media.viewers;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.contract.ws.Quality;
import dev.onair.media.janus.JanusException;
import dev.onair.media.replies.MediaRefusal;
import dev.onair.media.replies.Replies;
import dev.onair.media.rooms.Room;
import dev.onair.media.rooms.Rooms;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The upward half of {@code auto}: a viewer that was stepped down to 480p goes back to
 * 720p once Janus has reported no slow link for it for a while. Stepping down happens in
 * {@link Watching} as soon as Janus reports one.
 */
@Component
class AutoQuality {

	/** Long enough that a congested link does not flap between layers. */
	private static final long CALM_MILLIS = 10_000;

	private static final Logger log = LoggerFactory.getLogger(AutoQuality.class);

	private final Viewers viewers;

	private final Rooms rooms;

	private final Watching watching;

	private final Replies replies;

	AutoQuality(Viewers viewers, Rooms rooms, Watching watching, Replies replies) {
		this.viewers = viewers;
		this.rooms = rooms;
		this.watching = watching;
		this.replies = replies;
	}

	@Scheduled(fixedDelay = 2000)
	void stepUp() {
		long now = System.currentTimeMillis();
		for (Viewer viewer : List.copyOf(this.viewers.local())) {
			if (!viewer.quality().equals(Quality.AUTO) || !viewer.layer().equals(Quality.LOW)
					|| now - viewer.slowAt() < CALM_MILLIS) {
				continue;
			}
			Room room = this.rooms.findOrTakeOver(viewer.room()).filter(Room::simulcast).orElse(null);
			if (room == null) {
				continue;
			}
			try {
				Viewer raised = this.watching.switchTo(viewer, room, Quality.AUTO, Quality.HIGH);
				this.replies.layer(room.id(), viewer.session(), raised.layer(), room.layers());
			}
			catch (JanusException | MediaRefusal ex) {
				log.debug("Viewer {} stays on 480p: {}", viewer.session(), ex.getMessage());
			}
		}
	}

}
