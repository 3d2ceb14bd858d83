package dev.onair.contract.ws;

/** Server, the room's current viewer count ({@code viewers}). */
public record Viewers(String room, long viewers) implements ServerMessage {

}
