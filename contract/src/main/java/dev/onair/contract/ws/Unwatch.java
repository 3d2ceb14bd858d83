package dev.onair.contract.ws;

/** Client (viewer), stop the subscription ({@code unwatch}). */
public record Unwatch(String room) implements ClientMessage {

}
