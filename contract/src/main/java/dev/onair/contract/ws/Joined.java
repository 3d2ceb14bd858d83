package dev.onair.contract.ws;

import java.util.List;

/**
 * Server, the session is in the room ({@code joined}), with the room's recent chat
 * (oldest first, at most 50, deleted messages left out).
 */
public record Joined(String room, String role, List<ChatMessage> history) implements ServerMessage {

}
