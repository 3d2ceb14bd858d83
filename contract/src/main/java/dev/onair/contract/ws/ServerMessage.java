package dev.onair.contract.ws;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A frame the gateway sends to a browser: a JSON object whose {@code type} names the
 * record ({@link WsMessages#SERVER}); the other properties are the record's components.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ServerMessage permits Welcome, Joined, Left, ChatMessage, ChatDeleted, ChatTimedOut, ChatBanned,
		ChatUnbanned, Viewers, Reconnect, Offer, Answer, Ice, Layer, Ended, ErrorMessage, IceServers {

}
