package dev.onair.contract.ws;

/** Client (publisher), stop the room's stream ({@code unpublish}). */
public record Unpublish(String room) implements ClientMessage {

}
