package dev.onair.contract.ws;

import dev.onair.contract.signal.IceCandidate;

/**
 * A trickled ICE candidate ({@code ice}), both ways; {@code candidate == null} means end
 * of candidates.
 */
public record Ice(String room, IceCandidate candidate) implements ClientMessage, ServerMessage {

}
