package dev.onair.contract.signal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A trickled ICE candidate, as the browser's {@code RTCIceCandidate.toJSON()} gives it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex) {

}
