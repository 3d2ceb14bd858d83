package dev.onair.contract.ws;

/**
 * Client (viewer), pick a quality ({@code quality}): {@code auto}, {@code 720p} or
 * {@code 480p}.
 */
public record Quality(String room, String quality) implements ClientMessage {

}
