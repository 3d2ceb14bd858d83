package dev.onair.contract.ws;

/** Client (publisher), the SDP offer of the room's stream ({@code publish}). */
public record Publish(String room, String sdp) implements ClientMessage {

}
