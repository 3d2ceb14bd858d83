package dev.onair.contract.ws;

import java.util.List;

/**
 * Server, the session is in the room ({@code joined}), with the room's recent chat
 * (oldest first, deleted messages left out): the last 50, or everything after the join's
 * {@code since} while the gateway still holds it (the last 500).
 */
public record Joined(String room, String role, List<ChatMessage> history) implements ServerMessage {

}
