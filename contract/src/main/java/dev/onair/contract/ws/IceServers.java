package dev.onair.contract.ws;

import java.util.List;

/**
 * Server, fresh TURN credentials for the session ({@code ice-servers}): those of
 * {@code welcome} expire (10 minutes), and every peer connection the client opens later
 * (a republish, a new subscription after a media node failed) must use the newest it got.
 *
 * @param iceServers the ICE servers with credentials valid from now
 */
public record IceServers(List<IceServer> iceServers) implements ServerMessage {

}
