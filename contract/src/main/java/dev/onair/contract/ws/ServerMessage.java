package dev.onair.contract.ws;

/**
 * A frame the gateway sends to a browser: a JSON object whose {@code type} names the
 * record ({@link WsMessages#SERVER}); the other properties are the record's components.
 */
public sealed interface ServerMessage permits Welcome, Joined, Left, ChatMessage, ChatDeleted, ChatTimedOut, ChatBanned,
		ChatUnbanned, Viewers, Reconnect, Offer, Answer, Ice, Layer, Ended, ErrorMessage {

}
