package dev.onair.contract.ws;

import java.time.Instant;

/**
 * Server, a user of the room may not chat until {@code until} ({@code chat.timedout}).
 */
public record ChatTimedOut(String room, String user, Instant until) implements ServerMessage {

}
