package dev.onair.broadcast.state;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;

/**
 * A broadcast as stored. The lifecycle rules live here: each method returns the changed
 * broadcast, or {@code this} when the change does not apply (an illegal transition or
 * nothing new), so callers can tell "ignored" apart from "changed".
 *
 * @param id broadcast id (= room id)
 * @param version version of the last published snapshot
 * @param status lifecycle status
 * @param title 1–100 characters
 * @param description up to 2000 characters
 * @param tags up to 10 tags
 * @param streamer optional display name of the streamer (API only, not in snapshots)
 * @param createdAt creation time
 * @param startedAt when it went LIVE
 * @param endedAt when it ENDED
 * @param peakViewers highest viewer count reported
 * @param publisherGoneAt when the publisher disconnected while LIVE, {@code null} while
 * connected; internal, not part of the snapshot
 * @param thumbnailEtag ETag of the uploaded thumbnail, {@code null} if none
 * @param ownerGeneration generation of the owner tokens that are valid, from 1; tokens of
 * older generations are revoked
 */
public record Broadcast(UUID id, long version, BroadcastStatus status, String title, String description,
		List<String> tags, String streamer, Instant createdAt, Instant startedAt, Instant endedAt, long peakViewers,
		Instant publisherGoneAt, String thumbnailEtag, long ownerGeneration) {

	public Broadcast {
		tags = List.copyOf(tags);
	}

	/** A new broadcast, READY, before its first snapshot (version 0). */
	public static Broadcast ready(UUID id, String title, String description, List<String> tags, String streamer,
			Instant now) {
		return new Broadcast(id, 0, BroadcastStatus.READY, title, description, tags, streamer, now, null, null, 0, null,
				null, 1);
	}

	public Broadcast edited(String title, String description, List<String> tags, String streamer) {
		return new Broadcast(this.id, this.version, this.status, title, description, tags, streamer, this.createdAt,
				this.startedAt, this.endedAt, this.peakViewers, this.publisherGoneAt, this.thumbnailEtag,
				this.ownerGeneration);
	}

	/**
	 * The publisher is (back) on air: READY becomes LIVE; a LIVE broadcast forgets a
	 * pending disconnect. An ENDED broadcast never goes back.
	 */
	public Broadcast publisherConnected(Instant at) {
		return switch (this.status) {
			case READY -> withLifecycle(BroadcastStatus.LIVE, at, null, null);
			case LIVE ->
				(this.publisherGoneAt != null) ? withLifecycle(BroadcastStatus.LIVE, this.startedAt, null, null) : this;
			case ENDED -> this;
		};
	}

	/** Starts the grace period of a LIVE broadcast (only the first disconnect counts). */
	public Broadcast publisherDisconnected(Instant at) {
		if (this.status != BroadcastStatus.LIVE || this.publisherGoneAt != null) {
			return this;
		}
		return withLifecycle(BroadcastStatus.LIVE, this.startedAt, null, at);
	}

	/** Ends a READY or LIVE broadcast; ending an ENDED one changes nothing. */
	public Broadcast ended(Instant at) {
		if (this.status == BroadcastStatus.ENDED) {
			return this;
		}
		return withLifecycle(BroadcastStatus.ENDED, this.startedAt, at, null);
	}

	/** Records a higher viewer peak; lower or equal counts change nothing. */
	public Broadcast viewers(long peak) {
		if (peak <= this.peakViewers || this.status == BroadcastStatus.ENDED) {
			return this;
		}
		return new Broadcast(this.id, this.version, this.status, this.title, this.description, this.tags, this.streamer,
				this.createdAt, this.startedAt, this.endedAt, peak, this.publisherGoneAt, this.thumbnailEtag,
				this.ownerGeneration);
	}

	public Broadcast thumbnail(String etag) {
		return new Broadcast(this.id, this.version, this.status, this.title, this.description, this.tags, this.streamer,
				this.createdAt, this.startedAt, this.endedAt, this.peakViewers, this.publisherGoneAt, etag,
				this.ownerGeneration);
	}

	/**
	 * A new owner token is issued: the generation goes up, which revokes every token
	 * issued before (in broadcast-service at once, in the gateways when the snapshot
	 * arrives).
	 */
	public Broadcast ownerTokenReissued() {
		return new Broadcast(this.id, this.version, this.status, this.title, this.description, this.tags, this.streamer,
				this.createdAt, this.startedAt, this.endedAt, this.peakViewers, this.publisherGoneAt,
				this.thumbnailEtag, this.ownerGeneration + 1);
	}

	/** The path the thumbnail is served at, once one was uploaded. */
	public String thumbnailUrl() {
		return (this.thumbnailEtag != null) ? "/api/broadcasts/" + this.id + "/thumbnail" : null;
	}

	public BroadcastChanged snapshot() {
		return new BroadcastChanged(this.id.toString(), this.version, this.status, this.title, this.description,
				this.tags, this.createdAt, this.startedAt, this.endedAt, this.peakViewers, thumbnailUrl(),
				this.ownerGeneration);
	}

	Broadcast withVersion(long version) {
		return new Broadcast(this.id, version, this.status, this.title, this.description, this.tags, this.streamer,
				this.createdAt, this.startedAt, this.endedAt, this.peakViewers, this.publisherGoneAt,
				this.thumbnailEtag, this.ownerGeneration);
	}

	private Broadcast withLifecycle(BroadcastStatus status, Instant startedAt, Instant endedAt,
			Instant publisherGoneAt) {
		return new Broadcast(this.id, this.version, status, this.title, this.description, this.tags, this.streamer,
				this.createdAt, startedAt, endedAt, this.peakViewers, publisherGoneAt, this.thumbnailEtag,
				this.ownerGeneration);
	}

}
