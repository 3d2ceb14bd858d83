package dev.onair.contract.signal;

/**
 * A trickled ICE candidate, as the browser's {@code RTCIceCandidate.toJSON()} gives it.
 */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex) {

}
