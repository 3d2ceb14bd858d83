package dev.onair.contract.signal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The codes of the media plane's errors, the one definition of them: media-service sends
 * them in {@link SignalToClient.ErrorMessage} (the session gets an {@code error} frame),
 * the gateway's WHIP endpoint turns its answer's code into an HTTP status, and the web
 * client publishes or watches again after the retryable ones (edge-web's tests check its
 * list against this one). media-service also refuses with codes of the WebSocket protocol
 * ({@code field.invalid}, {@code room.publisher-only}, {@code room.viewer-only},
 * {@code message.unknown-type}); those are not media errors.
 */
public enum MediaError {

	/** The room's or the viewer's Janus node is gone; publish or watch again. */
	NODE_DOWN("media.node-down", true),

	/** Janus did not answer in time, or no node is up or has room. */
	UNAVAILABLE("media.unavailable", true),

	/** The publisher started over (or its media is back); watch again at once. */
	PUBLISHER_RESTARTED("media.publisher-restarted", true),

	/** Nobody publishes yet, or the publisher's media has not started. */
	NOT_LIVE("media.not-live", true),

	/** The offer is not an SDP session description. */
	SDP_INVALID("media.sdp-invalid", false),

	/** The offer has no (active) video. */
	VIDEO_REQUIRED("media.video-required", false),

	/** The offer's video has neither VP8 nor H.264. */
	CODEC_UNSUPPORTED("media.codec-unsupported", false),

	/** Janus refused the publisher's offer. */
	OFFER_REJECTED("media.offer-rejected", false),

	/** Janus refused the viewer's answer. */
	ANSWER_REJECTED("media.answer-rejected", false),

	/**
	 * {@code answer}, {@code ice} or {@code quality} from a session that does not watch.
	 */
	NO_SUBSCRIPTION("media.no-subscription", false),

	/**
	 * A WHEP subscription's media connection closed (its player left without
	 * {@code DELETE}): media-service released it.
	 */
	HUNG_UP("media.hung-up", false);

	private final String code;

	private final boolean retryable;

	MediaError(String code, boolean retryable) {
		this.code = code;
		this.retryable = retryable;
	}

	/** The stable code in the {@code error} frame. */
	public String code() {
		return this.code;
	}

	/** Whether publishing or watching again may succeed. */
	public boolean retryable() {
		return this.retryable;
	}

	/** The media error with this code, if it is one. */
	public static Optional<MediaError> of(String code) {
		return Arrays.stream(values()).filter((error) -> error.code.equals(code)).findFirst();
	}

}
