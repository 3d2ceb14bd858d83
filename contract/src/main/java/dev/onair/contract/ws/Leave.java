package dev.onair.contract.ws;

/** Client, leave a room ({@code leave}). */
public record Leave(String room) implements ClientMessage {

}
