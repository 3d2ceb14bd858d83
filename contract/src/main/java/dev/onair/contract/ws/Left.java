package dev.onair.contract.ws;

/**
 * Server, the session is no longer in the room ({@code left}): after {@code leave}, or
 * when another connection took over the room's publisher role.
 */
public record Left(String room) implements ServerMessage {

}
