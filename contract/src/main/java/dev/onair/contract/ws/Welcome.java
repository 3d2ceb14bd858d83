package dev.onair.contract.ws;

import java.util.List;

/**
 * Server, answer to {@code hello} ({@code welcome}). A resumed session is then sent one
 * {@code joined} per room it was in.
 *
 * @param v protocol version the gateway speaks
 * @param session session id (stable across reconnects that present the token)
 * @param name display name
 * @param token signed session token; present it in the next {@code hello} to resume
 * @param iceServers STUN/TURN servers with short-lived TURN credentials, in
 * {@code RTCIceServer} shape
 * @param resumed {@code true} when the presented token was accepted
 */
public record Welcome(int v, String session, String name, String token, List<IceServer> iceServers,
		boolean resumed) implements ServerMessage {

}
