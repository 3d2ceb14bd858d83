package dev.onair.contract.ws;

/**
 * An SDP answer ({@code answer}), both ways: a viewer answers its subscription's offer;
 * the server answers a publisher's {@code publish}.
 */
public record Answer(String room, String sdp) implements ClientMessage, ServerMessage {

}
