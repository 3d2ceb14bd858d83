package dev.onair.contract.ws;

import java.util.List;

/**
 * Server (to a viewer), the layer it now receives and the layers the publisher sends
 * ({@code layer}).
 */
public record Layer(String room, String layer, List<String> layers) implements ServerMessage {

}
