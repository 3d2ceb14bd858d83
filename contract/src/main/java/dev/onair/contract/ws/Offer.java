package dev.onair.contract.ws;

/** Server (to a viewer), the SDP offer of its subscription ({@code offer}). */
public record Offer(String room, String sdp) implements ServerMessage {

}
