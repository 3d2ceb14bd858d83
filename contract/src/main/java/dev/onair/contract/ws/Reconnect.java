package dev.onair.contract.ws;

/**
 * Server, this gateway instance is going away ({@code reconnect}): wait {@code afterMs},
 * open a new connection and send {@code hello} with the session token.
 */
public record Reconnect(long afterMs) implements ServerMessage {

}
