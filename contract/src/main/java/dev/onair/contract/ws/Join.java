package dev.onair.contract.ws;

/**
 * Client, enter a room ({@code join}).
 *
 * @param room room id (= broadcast id)
 * @param role {@code viewer} or {@code publisher}
 * @param ownerToken the broadcast's owner token; required for {@code publisher}
 */
public record Join(String room, String role, String ownerToken) implements ClientMessage {

}
