package dev.onair.contract.ws;

import java.util.List;

/**
 * One ICE server as the browser's {@code RTCIceServer} takes it. TURN credentials follow
 * the TURN REST API scheme: {@code username = <unix expiry>:<session>},
 * {@code credential = base64(HMAC-SHA1(secret, username))}.
 */
public record IceServer(List<String> urls, String username, String credential) {

}
