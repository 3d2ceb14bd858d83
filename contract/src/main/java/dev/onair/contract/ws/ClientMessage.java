package dev.onair.contract.ws;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A frame a browser sends to the gateway's {@code /ws}. On the wire every frame is a JSON
 * object whose {@code type} names the record ({@link WsMessages#CLIENT}); the other
 * properties are the record's components. A client may add {@code ref} (up to 64
 * characters) to any frame; an {@code error} caused by that frame echoes it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ClientMessage permits Hello, Join, Leave, ChatSend, ChatDelete, ChatTimeout, ChatBan, ChatUnban,
		Publish, Watch, Answer, Ice, Quality, Unpublish, Unwatch {

}
