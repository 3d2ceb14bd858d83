package dev.onair.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser stand-in over the JDK WebSocket client: sends frames, keeps every frame it
 * received, and waits for the next one matching a condition.
 */
final class WsClient implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	private volatile int consumed;

	private final WebSocket socket;

	private WsClient(URI uri, String origin) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.header("Origin", origin)
			.buildAsync(uri, new Listener())
			.join();
	}

	static WsClient connect(URI uri) {
		return new WsClient(uri, GatewayInstance.ORIGIN);
	}

	static WsClient connect(URI uri, String origin) {
		return new WsClient(uri, origin);
	}

	/** Connects and says hello; returns the client after its {@code welcome}. */
	static WsClient session(GatewayInstance gateway, String name) {
		WsClient client = connect(gateway.ws());
		client.send(Map.of("type", "hello", "v", 1, "name", name));
		client.next("welcome");
		return client;
	}

	void send(Map<String, ?> frame) {
		sendText(JSON.writeValueAsString(frame));
	}

	synchronized void sendText(String text) {
		this.socket.sendText(text, true).join();
	}

	JsonNode next(String type) {
		return next(type, (frame) -> true);
	}

	/** The next not-yet-taken frame of any of {@code types}. */
	JsonNode nextOf(String... types) {
		List<String> wanted = List.of(types);
		return next(wanted.get(0), (frame) -> true, wanted);
	}

	/**
	 * Waits for the next not-yet-taken frame of {@code type} matching {@code condition}.
	 */
	JsonNode next(String type, Predicate<JsonNode> condition) {
		return next(type, condition, List.of(type));
	}

	private synchronized JsonNode next(String description, Predicate<JsonNode> condition, List<String> types) {
		int[] index = new int[1];
		Awaitility.await("a '" + description + "' frame; received so far " + this.received)
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(2))
			.until(() -> {
				for (int i = this.consumed; i < this.received.size(); i++) {
					JsonNode frame = this.received.get(i);
					if (types.contains(frame.path("type").asString()) && condition.test(frame)) {
						index[0] = i;
						return true;
					}
				}
				return false;
			});
		this.consumed = index[0] + 1;
		return this.received.get(index[0]);
	}

	/** Every frame received so far. */
	List<JsonNode> received() {
		return List.copyOf(this.received);
	}

	long receivedAtNanos(JsonNode frame) {
		return this.receivedAtNanos.get(this.received.indexOf(frame));
	}

	String session() {
		return this.received.stream()
			.filter((frame) -> "welcome".equals(frame.path("type").asString()))
			.reduce((first, second) -> second)
			.orElseThrow()
			.path("session")
			.asString();
	}

	boolean closed() {
		return this.closed;
	}

	/**
	 * Closes the way a browser does: a close frame with {@code code}, then the socket.
	 */
	void closeWith(int code) {
		if (!this.closed) {
			this.socket.sendClose(code, "").join();
		}
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.socket.abort();
			this.closed = true;
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				long now = System.nanoTime();
				JsonNode frame = JSON.readTree(this.partial.toString());
				this.partial.setLength(0);
				WsClient.this.receivedAtNanos.add(now);
				WsClient.this.received.add(frame);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WsClient.this.closed = true;
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WsClient.this.closed = true;
		}

	}

}
