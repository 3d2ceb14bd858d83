package dev.onair.media.viewers;

/**
 * One viewer's subscription, kept in Redis with its room.
 *
 * @param room room id
 * @param session the viewer's gateway session
 * @param node Janus node id
 * @param janusSession the room's Janus session
 * @param handle the subscriber handle
 * @param videoMid mid of the video stream in the subscription (for layer switches)
 * @param quality what the viewer asked for: {@code auto}, {@code 720p}, {@code 480p}
 * @param layer the layer it gets now
 * @param slowAt when Janus last reported a slow link for it (epoch ms), 0 if never
 */
record Viewer(String room, String session, String node, long janusSession, long handle, String videoMid, String quality,
		String layer, long slowAt) {

	Viewer with(String newQuality, String newLayer, long newSlowAt) {
		return new Viewer(this.room, this.session, this.node, this.janusSession, this.handle, this.videoMid, newQuality,
				newLayer, newSlowAt);
	}

}
