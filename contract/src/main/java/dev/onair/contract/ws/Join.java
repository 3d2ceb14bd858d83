package dev.onair.contract.ws;

/**
 * Client, enter a room ({@code join}).
 *
 * @param room room id (= broadcast id)
 * @param role {@code viewer} or {@code publisher}
 * @param ownerToken the broadcast's owner token; required for {@code publisher}
 * @param since id of the room's last chat message the client has, or {@code null}: the
 * {@code joined} history then holds what came after it, so a client that was away (moved
 * to another gateway, lost its connection) misses nothing
 */
public record Join(String room, String role, String ownerToken, String since) implements ClientMessage {

}
