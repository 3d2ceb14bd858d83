package dev.onair.contract.signal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A client's signaling message for the media plane, produced by the gateway to
 * {@code signal.to-media} keyed by room. The gateway has already checked that the session
 * joined the room in {@code role} (a publisher's owner token was verified).
 * <p>
 * {@code type} is the browser message name: {@code publish} (sdp), {@code watch}
 * (quality), {@code answer} (sdp), {@code ice} (candidate, {@code null} = end of
 * candidates), {@code quality} (quality), {@code unpublish}, {@code unwatch}; and
 * {@code left}, which the gateway sends itself when a session leaves the room or its
 * connection closes, so media-service can release what the session held.
 *
 * @param type message name, see above
 * @param room room id (= broadcast id)
 * @param session the sending session
 * @param gateway the gateway instance holding the session
 * @param role {@code viewer} or {@code publisher}
 * @param sdp SDP for publish/answer
 * @param candidate ICE candidate for ice
 * @param quality {@code auto}, {@code 720p} or {@code 480p} for watch/quality
 * @param at when the gateway received it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignalToMedia(String type, String room, String session, String gateway, String role, String sdp,
		IceCandidate candidate, String quality, Instant at) {

}
