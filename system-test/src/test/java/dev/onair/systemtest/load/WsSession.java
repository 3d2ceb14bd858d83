package dev.onair.systemtest.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.onair.contract.ws.ChatSend;
import dev.onair.contract.ws.ClientMessage;
import dev.onair.contract.ws.Hello;
import dev.onair.contract.ws.Join;
import dev.onair.contract.ws.Leave;
import dev.onair.contract.ws.WsMessages;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One viewer: connects, sends {@code hello} and {@code join} as soon as the upgrade is
 * done, and reports what it receives to its {@link Crowd}. It keeps its state and the
 * last viewer count it saw, nothing else. Frames go straight to the Netty channel, which
 * keeps them in order and may be written from any thread.
 */
final class WsSession {

	/**
	 * Frames a session may receive in a room; {@code 1 MiB} covers a full chat history.
	 */
	static final int MAX_FRAME_BYTES = 1 << 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String VIEWERS_FRAME = "{\"type\":\"viewers\",";

	private static final String CHAT_FRAME = "{\"type\":\"chat.message\",";

	private static final Map<Class<? extends ClientMessage>, String> TYPES = WsMessages.CLIENT.entrySet()
		.stream()
		.collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

	static {
		// Jackson builds its deserializer under a lock on first use: do that here, on the
		// benchmark thread, not on an event loop (BlockHound would rightly object).
		JSON.readTree("{\"type\":\"warm-up\"}");
	}

	enum State {

		CONNECTING, JOINED, LEAVING, CLOSING, ENDED

	}

	private final Crowd crowd;

	private final String room;

	private final long scheduledAt;

	private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);

	private volatile Channel channel;

	private volatile Disposable connection;

	private volatile long viewers = -1;

	WsSession(Crowd crowd, String room, long scheduledAt) {
		this.crowd = crowd;
		this.room = room;
		this.scheduledAt = scheduledAt;
	}

	void open(HttpClient.WebsocketSender client, URI target) {
		this.connection = client.uri(target).handle((in, out) -> {
			in.withConnection((connected) -> this.channel = connected.channel());
			send(this.crowd.greeting());
			return in.aggregateFrames(MAX_FRAME_BYTES)
				.receive()
				.asString(StandardCharsets.UTF_8)
				.doOnNext(this::received)
				.then();
		}).subscribe(null, (error) -> ended(describe(error)), () -> ended(null));
	}

	State state() {
		return this.state.get();
	}

	/** The scheduled start of this session's connect, the origin of its join latency. */
	long scheduledAt() {
		return this.scheduledAt;
	}

	/** The last {@code viewers} count this session received, or -1. */
	long viewers() {
		return this.viewers;
	}

	/**
	 * Frames of this session's {@code hello} and {@code join}, written once per crowd.
	 */
	static String[] greeting(String room) {
		return new String[] { frame(new Hello(WsMessages.VERSION, null, null)),
				frame(new Join(room, "viewer", null, null)) };
	}

	/** Sends {@code chat.send} (call from the benchmark thread: it writes JSON). */
	void chat(String text) {
		send(frame(new ChatSend(this.room, text)));
	}

	/**
	 * {@code leave}, then a clean close once {@code left} arrives; false if not joined
	 * (call from the benchmark thread: it writes JSON).
	 */
	boolean leave() {
		if (!this.state.compareAndSet(State.JOINED, State.LEAVING)) {
			return false;
		}
		send(frame(new Leave(this.room)));
		return true;
	}

	/**
	 * Closes with status 1000 (or drops the connection attempt when the upgrade is not
	 * done yet).
	 * @return the state before, or {@link State#ENDED} if already closing or ended
	 */
	State close() {
		State before = this.state.getAndUpdate((now) -> (now == State.ENDED) ? now : State.CLOSING);
		if (before == State.CLOSING || before == State.ENDED) {
			return State.ENDED;
		}
		sendClose();
		return before;
	}

	/** Drops the connection without a close frame (end of a run: nothing may linger). */
	void abort(String reason) {
		Disposable attempt = this.connection;
		if (attempt != null) {
			attempt.dispose();
		}
		Channel open = this.channel;
		if (open != null) {
			open.close();
		}
		ended("aborted: " + reason);
	}

	/**
	 * Starts the closing handshake as a browser does: the close frame, then the server's
	 * close frame and its TCP close. Reactor Netty's {@code sendClose} closes the socket
	 * right after the frame; with frames still unread that is a reset, and the gateway
	 * may never read the close frame: a clean close it would count as a vanished client.
	 */
	private void sendClose() {
		Channel open = this.channel;
		if (open == null) {
			abort("closed before the upgrade");
		}
		else {
			open.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
		}
	}

	private void send(String... frames) {
		Channel open = this.channel;
		if (open != null) {
			for (String frame : frames) {
				open.writeAndFlush(new TextWebSocketFrame(frame));
			}
		}
	}

	private void received(String text) {
		long now = System.nanoTime();
		// A storm sends every session a viewer count twice a second and each chat message
		// to all of them: read those two by position (the gateway writes "type" first and
		// the fields in record order), the rare others with Jackson. Parsing every frame
		// into a tree cost the generator more CPU than a gateway's whole fan-out.
		if (text.startsWith(VIEWERS_FRAME)) {
			this.viewers = longAfter(text, "\"viewers\":");
			this.crowd.measurements().viewers(this.viewers, now);
			return;
		}
		if (text.startsWith(CHAT_FRAME)) {
			this.crowd.measurements().chat(stringAfter(text, "\"text\":\""), now);
			return;
		}
		try {
			JsonNode frame = JSON.readTree(text);
			switch (frame.path("type").asString()) {
				case "joined" -> {
					if (this.state.compareAndSet(State.CONNECTING, State.JOINED)) {
						this.crowd.joined(this, now);
					}
				}
				case "left" -> close();
				case "error" -> error(frame.path("code").asString());
				case "reconnect" -> this.crowd.measurements().error("reconnect (gateway draining)");
				default -> {
				}
			}
		}
		catch (JacksonException ex) {
			this.crowd.measurements().error("unreadable frame (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/** The digits after {@code key}, e.g. {@code "viewers":}; -1 when absent. */
	private static long longAfter(String json, String key) {
		int start = json.indexOf(key);
		if (start < 0) {
			return -1;
		}
		long value = 0;
		for (int i = start + key.length(); i < json.length() && Character.isDigit(json.charAt(i)); i++) {
			value = value * 10 + (json.charAt(i) - '0');
		}
		return value;
	}

	/**
	 * The string after {@code key} up to the next quote (the load texts need no escapes);
	 * empty when absent.
	 */
	private static String stringAfter(String json, String key) {
		int start = json.indexOf(key);
		if (start < 0) {
			return "";
		}
		int from = start + key.length();
		int end = json.indexOf('"', from);
		return (end < 0) ? "" : json.substring(from, end);
	}

	private void error(String code) {
		this.crowd.measurements().error(code);
		if (this.state.compareAndSet(State.CONNECTING, State.CLOSING)) {
			// hello or join refused: this viewer is not in the room (a real client would
			// retry).
			this.crowd.refused();
			sendClose();
		}
	}

	private void ended(String problem) {
		State before = this.state.getAndSet(State.ENDED);
		if (before != State.ENDED) {
			this.crowd.ended(this, before, problem);
		}
	}

	private static String frame(ClientMessage message) {
		ObjectNode node = JSON.valueToTree(message);
		node.put("type", TYPES.get(message.getClass()));
		return node.toString();
	}

	private static String describe(Throwable error) {
		if (error instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
			return "upgrade refused: " + handshake.response().status().code();
		}
		return "connection error: " + error.getClass().getSimpleName();
	}

}
