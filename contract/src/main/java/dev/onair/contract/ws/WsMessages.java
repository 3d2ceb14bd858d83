package dev.onair.contract.ws;

import java.util.Map;

/**
 * The browser WebSocket protocol's message names: the {@code type} of every frame and the
 * record it carries. Names are stable (tools outside the project use them); fields may be
 * added.
 */
public final class WsMessages {

	/** The protocol version a client states in {@code hello.v}. */
	public static final int VERSION = 1;

	/** Frames a client may send, by {@code type}. */
	public static final Map<String, Class<? extends ClientMessage>> CLIENT = Map.ofEntries(
			Map.entry("hello", Hello.class), Map.entry("join", Join.class), Map.entry("leave", Leave.class),
			Map.entry("chat.send", ChatSend.class), Map.entry("chat.delete", ChatDelete.class),
			Map.entry("chat.timeout", ChatTimeout.class), Map.entry("chat.ban", ChatBan.class),
			Map.entry("chat.unban", ChatUnban.class), Map.entry("publish", Publish.class),
			Map.entry("watch", Watch.class), Map.entry("answer", Answer.class), Map.entry("ice", Ice.class),
			Map.entry("quality", Quality.class), Map.entry("unpublish", Unpublish.class),
			Map.entry("unwatch", Unwatch.class));

	/** Frames the gateway sends, by {@code type}. */
	public static final Map<String, Class<? extends ServerMessage>> SERVER = Map.ofEntries(
			Map.entry("welcome", Welcome.class), Map.entry("joined", Joined.class), Map.entry("left", Left.class),
			Map.entry("chat.message", ChatMessage.class), Map.entry("chat.deleted", ChatDeleted.class),
			Map.entry("chat.timedout", ChatTimedOut.class), Map.entry("chat.banned", ChatBanned.class),
			Map.entry("chat.unbanned", ChatUnbanned.class), Map.entry("viewers", Viewers.class),
			Map.entry("reconnect", Reconnect.class), Map.entry("offer", Offer.class), Map.entry("answer", Answer.class),
			Map.entry("ice", Ice.class), Map.entry("layer", Layer.class), Map.entry("ended", Ended.class),
			Map.entry("error", ErrorMessage.class), Map.entry("ice-servers", IceServers.class));

	private WsMessages() {
	}

	/** The {@code type} of a server frame carrying {@code message}. */
	public static String type(ServerMessage message) {
		return SERVER.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == message.getClass())
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

}
