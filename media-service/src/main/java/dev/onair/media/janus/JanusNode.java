package dev.onair.media.janus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Janus node: a WebSocket to its API (subprotocol {@code janus-protocol}), request
 * transactions and health. Janus answers most requests directly; plugin messages are
 * first acknowledged and then answered by an event with the same transaction, which is
 * what {@link #call} waits for.
 * <p>
 * Health is our own: a cut host's WebSocket dies without a close event, so the node is
 * pinged every {@code ping} and marked down when nothing arrived for {@code downAfter}.
 * <p>
 * {@link #call} and {@link #tell} wait for at most {@code requestTimeout}; they are for
 * threads that may wait (Kafka listeners, {@code janus-followup}, Spring's scheduler).
 * Threads that must not wait use {@link #tellLater}. What a waiting caller needs never
 * waits itself: answers are completed on the WebSocket's receiving threads, which only
 * complete futures and queue events, and requests are written by the {@code writer}
 * thread, which only hands frames to the WebSocket.
 */
public final class JanusNode {

	private static final Logger log = LoggerFactory.getLogger(JanusNode.class);

	/** Janus core: {@code JANUS_ERROR_UNAUTHORIZED}, a wrong {@code apisecret}. */
	private static final int UNAUTHORIZED = 403;

	private final URI url;

	private final JanusProperties properties;

	private final JsonMapper json;

	private final HttpClient http;

	private final Consumer<JanusEvent> events;

	private final Consumer<JanusNode> down;

	private final Executor writer;

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final AtomicLong transactions = new AtomicLong();

	private volatile WebSocket socket;

	private volatile boolean connecting;

	private volatile long lastHeard;

	/** Index of the API secret this node accepted last. */
	private volatile int secret;

	private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);

	JanusNode(URI url, JanusProperties properties, JsonMapper json, HttpClient http, Consumer<JanusEvent> events,
			Consumer<JanusNode> down, Executor writer) {
		this.url = url;
		this.properties = properties;
		this.json = json;
		this.http = http;
		this.events = events;
		this.down = down;
		this.writer = writer;
	}

	/** The node's private address, where other nodes send it a cascaded room's RTP. */
	public String host() {
		return this.url.getHost();
	}

	/** The node's id, as stored in room state: its API address. */
	public String id() {
		return this.url.toString();
	}

	public boolean up() {
		return this.socket != null;
	}

	/**
	 * Up and heard from within {@code silence}: a node that just stopped answering is
	 * still {@link #up} until the down timeout, but should get no new work meanwhile (its
	 * viewers, re-subscribing after 2 s without frames, must not land on it again).
	 */
	public boolean answering(Duration silence) {
		return up() && System.nanoTime() - this.lastHeard < silence.toNanos();
	}

	/**
	 * Sends a request and waits for its answer ({@code success}, or the event that
	 * follows a plugin message's {@code ack}).
	 * @throws JanusException when Janus refuses it, does not answer in time or is down
	 */
	public JsonNode call(ObjectNode request) {
		return await(send(request, false));
	}

	/** Sends a request that Janus only acknowledges (trickle, keepalive). */
	public void tell(ObjectNode request) {
		await(send(request, true));
	}

	/**
	 * Sends a request that Janus only acknowledges and returns at once; the future
	 * completes with the acknowledgement or fails with {@link JanusException}.
	 */
	public CompletableFuture<JsonNode> tellLater(ObjectNode request) {
		return send(request, true);
	}

	public ObjectNode request(String janus) {
		return this.json.createObjectNode().put("janus", janus);
	}

	JsonMapper json() {
		return this.json;
	}

	/** Called every ping period: (re)connects, pings, or marks the node down. */
	void tick() {
		WebSocket current = this.socket;
		if (current == null) {
			connect();
			return;
		}
		long silentNanos = System.nanoTime() - this.lastHeard;
		if (silentNanos > this.properties.downAfter().toNanos()) {
			markDown(current, "no answer for " + Duration.ofNanos(silentNanos).toMillis() + " ms");
			return;
		}
		send(request("ping"), false);
	}

	private void connect() {
		if (this.connecting) {
			return;
		}
		this.connecting = true;
		this.http.newWebSocketBuilder()
			.subprotocols("janus-protocol")
			.connectTimeout(this.properties.downAfter())
			.buildAsync(this.url, new Listener())
			.whenComplete((ws, ex) -> {
				this.connecting = false;
				if (ex == null) {
					this.lastHeard = System.nanoTime();
					this.socket = ws;
					log.info("Janus node {} is up", this.url);
				}
			});
	}

	private CompletableFuture<JsonNode> send(ObjectNode request, boolean ackIsAnswer) {
		return send(request, ackIsAnswer, this.secret, 1);
	}

	/**
	 * Sends with the API secret at index {@code secret}; a node that refuses it is asked
	 * with the next, until each was tried once: while the secret is rotated, restarted
	 * nodes accept the new one and the others still the old one.
	 */
	private CompletableFuture<JsonNode> send(ObjectNode request, boolean ackIsAnswer, int secret, int tries) {
		List<String> secrets = this.properties.apiSecrets();
		WebSocket current = this.socket;
		if (current == null) {
			return CompletableFuture.failedFuture(new JanusException(0, "Janus node " + this.url + " is down"));
		}
		// A counter, not a random UUID: Janus needs it unique on this connection only,
		// and SecureRandom reads /dev/urandom, on threads that must not wait.
		String transaction = Long.toString(this.transactions.incrementAndGet());
		request.put("transaction", transaction).put("apisecret", secrets.get(secret));
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(transaction, new Pending(answer, ackIsAnswer));
		answer.whenComplete((node, ex) -> this.pending.remove(transaction));
		String text = this.json.writeValueAsString(request);
		// The JDK WebSocket allows one outstanding send at a time and encodes the frame
		// on the thread that sends it, reading /dev/urandom for its mask: the writer
		// does that, never the caller.
		synchronized (this) {
			this.sends = this.sends.handle((ignored, ex) -> null)
				.thenComposeAsync((ignored) -> current.sendText(text, true), this.writer);
		}
		CompletableFuture<JsonNode> result = new CompletableFuture<>();
		answer.orTimeout(this.properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((message, ex) -> {
				if (ex == null) {
					result.complete(message);
				}
				else {
					result.completeExceptionally(failure(ex));
				}
			});
		return result.exceptionallyCompose((ex) -> {
			if (failure(ex).code() != UNAUTHORIZED || tries >= secrets.size()) {
				return CompletableFuture.failedFuture(ex);
			}
			int next = (secret + 1) % secrets.size();
			log.info("Janus node {} refused API secret {} of {}; trying the next", this.url, secret + 1,
					secrets.size());
			this.secret = next;
			return send(request, ackIsAnswer, next, tries + 1);
		});
	}

	private JsonNode await(CompletableFuture<JsonNode> answer) {
		try {
			return answer.get();
		}
		catch (ExecutionException ex) {
			throw failure(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JanusException(0, "Interrupted while waiting for Janus");
		}
	}

	private JanusException failure(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof JanusException janus) {
			return janus;
		}
		if (cause instanceof TimeoutException) {
			return new JanusException(0, "Janus node " + this.url + " did not answer in time");
		}
		return new JanusException(0, "Janus request failed: " + cause);
	}

	private void received(String text) {
		this.lastHeard = System.nanoTime();
		JsonNode message = this.json.readTree(text);
		String kind = message.path("janus").asString("");
		Pending waiting = this.pending.get(message.path("transaction").asString(""));
		if (waiting != null && (!kind.equals("ack") || waiting.ackIsAnswer())) {
			complete(waiting.answer(), kind, message);
			return;
		}
		if (kind.equals("ack") || kind.equals("pong") || kind.equals("success")) {
			return;
		}
		this.events.accept(new JanusEvent(this, kind, message.path("session_id").asLong(),
				message.path("sender").asLong(), message));
	}

	private static void complete(CompletableFuture<JsonNode> answer, String kind, JsonNode message) {
		JsonNode pluginError = message.path("plugindata").path("data").path("error");
		if (kind.equals("error")) {
			answer.completeExceptionally(new JanusException(message.path("error").path("code").asInt(),
					message.path("error").path("reason").asString("")));
		}
		else if (!pluginError.isMissingNode()) {
			answer.completeExceptionally(new JanusException(
					message.path("plugindata").path("data").path("error_code").asInt(), pluginError.asString()));
		}
		else {
			answer.complete(message);
		}
	}

	private void markDown(WebSocket current, String why) {
		synchronized (this) {
			if (this.socket != current) {
				return;
			}
			this.socket = null;
		}
		log.warn("Janus node {} is down: {}", this.url, why);
		current.abort();
		JanusException gone = new JanusException(0, "Janus node " + this.url + " is down");
		this.pending.values().forEach((waiting) -> waiting.answer().completeExceptionally(gone));
		this.down.accept(this);
	}

	private record Pending(CompletableFuture<JsonNode> answer, boolean ackIsAnswer) {
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				try {
					received(text);
				}
				catch (RuntimeException ex) {
					log.warn("Unreadable message from Janus node {}: {}", JanusNode.this.url, ex.toString());
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			markDown(webSocket, "closed (" + statusCode + ")");
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			markDown(webSocket, error.toString());
		}

	}

}
