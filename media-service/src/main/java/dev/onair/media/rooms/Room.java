package dev.onair.media.rooms;

import java.util.List;

import dev.onair.media.janus.Track;

/**
 * What media-service knows about a room, kept in Redis so another instance can take it
 * over.
 *
 * @param id room id (= broadcast id = Janus room id)
 * @param node id of the Janus node carrying it
 * @param janusSession the Janus session holding the publisher's and viewers' handles
 * @param handle the publisher's handle, 0 when nobody publishes
 * @param publisher the publisher's gateway session, or {@code null}
 * @param feed Janus feed id of the publisher once joined, else {@code null}
 * @param layers layers the publisher sends, highest first ({@code 720p}, {@code 480p})
 * @param live whether the publisher's video reaches Janus
 * @param tracks the publisher's m-lines, for cascading the room to edge nodes
 * ({@code null} in state written before cascading existed)
 */
public record Room(String id, String node, long janusSession, long handle, String publisher, String feed,
		List<String> layers, boolean live, List<Track> tracks) {

	/** Whether the publisher sends the 480p layer besides 720p. */
	public boolean simulcast() {
		return this.layers != null && this.layers.size() > 1;
	}

	Room withFeed(String newFeed) {
		return new Room(this.id, this.node, this.janusSession, this.handle, this.publisher, newFeed, this.layers,
				this.live, this.tracks);
	}

	Room withLive(boolean newLive) {
		return new Room(this.id, this.node, this.janusSession, this.handle, this.publisher, this.feed, this.layers,
				newLive, this.tracks);
	}

	Room withoutPublisher() {
		return new Room(this.id, this.node, this.janusSession, 0, null, null, this.layers, false, this.tracks);
	}

}
