package dev.onair.media.placement;

/**
 * What placement knows of one Janus node when it places a viewer.
 *
 * @param node node id (its API address)
 * @param up whether media-service hears from it
 * @param draining whether it is being emptied: it takes no new viewers
 * @param viewers subscribers on it now, of every room
 * @param capacity subscribers it may carry
 */
public record NodeLoad(String node, boolean up, boolean draining, long viewers, long capacity) {

	/** Up, not draining, and room for one more viewer. */
	boolean takesViewers() {
		return this.up && !this.draining && this.viewers < this.capacity;
	}

	long free() {
		return this.capacity - this.viewers;
	}

}
