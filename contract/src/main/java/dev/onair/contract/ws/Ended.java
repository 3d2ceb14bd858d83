package dev.onair.contract.ws;

/** Server, the room's broadcast ended ({@code ended}). */
public record Ended(String room) implements ServerMessage {

}
