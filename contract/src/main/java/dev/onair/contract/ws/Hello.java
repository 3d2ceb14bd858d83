package dev.onair.contract.ws;

/**
 * Client, first frame of every connection ({@code hello}). Starts a session, or resumes
 * the one {@code token} names (on any gateway instance).
 *
 * @param v protocol version, {@link WsMessages#VERSION}
 * @param name wanted display name (1–32 characters), or {@code null} for a generated one
 * @param token session token from an earlier {@code welcome}, or {@code null}
 */
public record Hello(Integer v, String name, String token) implements ClientMessage {

}
