package dev.onair.contract.signal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A media-plane message for one session (or, with {@code session == null}, for every
 * session in the room), produced by media-service to {@code signal.to-clients} keyed by
 * room. Every gateway instance reads the whole topic and delivers to the sessions it
 * holds.
 * <p>
 * {@code type} is the browser message name: {@code answer} (sdp), {@code offer} (sdp),
 * {@code ice} (candidate), {@code layer} (layer, layers), {@code ended}, {@code error}
 * (code, message).
 *
 * @param type message name, see above
 * @param room room id (= broadcast id)
 * @param session addressed session, or {@code null} for the whole room
 * @param sdp SDP for offer/answer
 * @param candidate ICE candidate for ice; {@code null} = end of candidates
 * @param layer current layer ({@code 720p}/{@code 480p}) for layer
 * @param layers layers the publisher sends, for layer
 * @param code stable error code for error
 * @param message human-readable error message for error
 * @param at when media-service produced it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignalToClient(String type, String room, String session, String sdp, IceCandidate candidate, String layer,
		List<String> layers, String code, String message, Instant at) {

}
