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
 * @param movedFrom the subscription it is being moved off (a draining node), kept until
 * the new one has had time to play; {@code null} when not moving
 */
record Viewer(String room, String session, String node, long janusSession, long handle, String videoMid, String quality,
		String layer, long slowAt, Subscription movedFrom) {

	Viewer with(String newQuality, String newLayer, long newSlowAt) {
		return new Viewer(this.room, this.session, this.node, this.janusSession, this.handle, this.videoMid, newQuality,
				newLayer, newSlowAt, this.movedFrom);
	}

	Viewer withoutMovedFrom() {
		return new Viewer(this.room, this.session, this.node, this.janusSession, this.handle, this.videoMid,
				this.quality, this.layer, this.slowAt, null);
	}

	/** Where the subscription is on Janus. */
	Subscription subscription() {
		return new Subscription(this.node, this.janusSession, this.handle);
	}

	/**
	 * A subscriber handle on a Janus node.
	 *
	 * @param node Janus node id
	 * @param janusSession the Janus session holding it
	 * @param handle the handle
	 */
	record Subscription(String node, long janusSession, long handle) {
	}

}
