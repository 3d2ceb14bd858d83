package dev.onair.systemtest.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.onair.testsupport.ClientBrowser;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drills' chat bot: {@link #SESSIONS} sessions joined to the room as viewers over the
 * WebSocket protocol, through edge-web as browsers come, taking turns to send one message
 * every 100 ms (10 a second). A message is acknowledged when its sender receives it back
 * from the room (live or in the history of a {@code joined}): the gateway published it to
 * {@code chat.messages} and delivered it. A session whose connection drops resumes with
 * its token and joins again, as the web client does; while it is away it sends nothing.
 * As the web client, it sends a hello or join refused for now ({@code unavailable},
 * {@code rate.limited}) again, and replaces a connection whose hello gets no answer.
 */
final class ChatBot implements AutoCloseable {

	/**
	 * Each session sends one message every 3 s: under the gateway's 5 per 10 s per
	 * session even when a busy machine holds two back and they arrive together (with 25
	 * sessions, one every 2.5 s, a few were refused).
	 */
	static final int SESSIONS = 30;

	private static final Duration TURN = Duration.ofMillis(100);

	/** The web client's reconnect back-off (signal.js). */
	private static final long[] BACKOFF_MILLIS = { 250, 500, 1000, 2000, 4000 };

	/** Refusals the web client retries (signal.js). */
	private static final Set<String> RETRYABLE = Set.of("unavailable", "rate.limited");

	private static final long RETRY_MILLIS = 1000;

	/** With no answer to its hello in this long, a connection is replaced (signal.js). */
	private static final long HELLO_TIMEOUT_MILLIS = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI target;

	private final String room;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "chat-bot");
		thread.setDaemon(true);
		return thread;
	});

	private final List<BotSession> sessions;

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private final Set<String> refusals = ConcurrentHashMap.newKeySet();

	private final AtomicInteger sent = new AtomicInteger();

	private volatile boolean closed;

	private ChatBot(URI target, String room) {
		this.target = target;
		this.room = room;
		this.sessions = IntStream.range(0, SESSIONS).mapToObj((i) -> new BotSession("bot-" + i)).toList();
	}

	/** Connects every session through edge-web and waits until all joined the room. */
	static ChatBot join(String room) {
		ChatBot bot = new ChatBot(URI.create(ClientBrowser.ORIGIN.replace("http", "ws") + "/ws"), room);
		bot.sessions.forEach((session) -> session.connect(0));
		Awaitility.await("every chat bot session joined")
			.atMost(Duration.ofSeconds(30))
			.until(() -> bot.sessions.stream().allMatch((session) -> session.joined));
		return bot;
	}

	/** Starts sending: one message per turn, by the sessions in turn. */
	void startSending() {
		AtomicInteger turn = new AtomicInteger();
		this.timer.scheduleWithFixedDelay(() -> {
			int next = turn.getAndIncrement();
			this.sessions.get(next % SESSIONS).chat("bot " + next);
		}, 0, TURN.toMillis(), TimeUnit.MILLISECONDS);
	}

	void stopSending() {
		this.timer.shutdownNow();
	}

	/** Messages written to an open, joined connection. */
	int sent() {
		return this.sent.get();
	}

	/** Texts of the messages their senders received back. */
	Set<String> acknowledged() {
		return Set.copyOf(this.acknowledged);
	}

	/** Error codes the gateways answered (e.g. {@code chat.rate-limited}). */
	Set<String> refusals() {
		return Set.copyOf(this.refusals);
	}

	/**
	 * The sessions not in the room right now, each with how far it got and the last
	 * refusal it was answered, e.g. {@code bot-7 welcomed, join refused unavailable}.
	 */
	List<String> away() {
		return this.sessions.stream().filter((session) -> !session.joined).map(BotSession::describe).toList();
	}

	/** Leaves cleanly (1000), so presence counts the sessions out at once. */
	@Override
	public void close() {
		this.closed = true;
		this.timer.shutdownNow();
		this.sessions.forEach(BotSession::close);
	}

	/** One bot session; resumes with its token whenever its connection drops. */
	private final class BotSession implements WebSocket.Listener {

		private final String name;

		private final StringBuilder partial = new StringBuilder();

		private volatile WebSocket socket;

		private volatile String token;

		private volatile String id;

		private volatile boolean joined;

		/** How far the current connection got, for {@link ChatBot#away()}. */
		private volatile String progress = "connecting";

		private volatile String lastRefusal;

		private volatile WebSocket welcomedOn;

		/** Sends on one socket must not overlap: each waits for the one before. */
		private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

		private int attempt;

		BotSession(String name) {
			this.name = name;
		}

		void connect(long delayMillis) {
			if (ChatBot.this.closed) {
				return;
			}
			CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
				.execute(() -> ChatBot.this.http.newWebSocketBuilder()
					.header("Origin", ClientBrowser.ORIGIN)
					.connectTimeout(Duration.ofSeconds(5))
					.buildAsync(ChatBot.this.target, this)
					.whenComplete((socket, error) -> {
						if (error != null) {
							reconnect();
						}
					}));
		}

		String describe() {
			return this.name + " " + this.progress + ((this.lastRefusal != null) ? ", refused " + this.lastRefusal : "")
					+ " (attempt " + this.attempt + ")";
		}

		private void reconnect() {
			this.joined = false;
			this.progress = "connecting";
			long backoff = BACKOFF_MILLIS[Math.min(this.attempt++, BACKOFF_MILLIS.length - 1)];
			connect(backoff);
		}

		void chat(String text) {
			if (this.joined && send(JSON.createObjectNode()
				.put("type", "chat.send")
				.put("room", ChatBot.this.room)
				.put("text", text)
				.toString())) {
				ChatBot.this.sent.incrementAndGet();
			}
		}

		synchronized boolean send(String frame) {
			WebSocket open = this.socket;
			if (open == null || open.isOutputClosed()) {
				return false;
			}
			this.sending = this.sending.exceptionally((error) -> null)
				.thenCompose((previous) -> open.sendText(frame, true));
			return true;
		}

		void close() {
			closeWith(WebSocket.NORMAL_CLOSURE, "bye");
		}

		private synchronized void closeWith(int status, String reason) {
			WebSocket open = this.socket;
			if (open != null) {
				this.sending = this.sending.exceptionally((error) -> null)
					.thenCompose((previous) -> open.sendClose(status, reason));
			}
		}

		@Override
		public void onOpen(WebSocket opened) {
			synchronized (this) {
				this.socket = opened;
				this.sending = CompletableFuture.completedFuture(null);
			}
			this.progress = "open, hello sent";
			send(JSON.createObjectNode()
				.put("type", "hello")
				.put("v", 1)
				.put("name", this.name)
				.put("token", this.token)
				.put("ref", "hello")
				.toString());
			opened.request(1);
			CompletableFuture.delayedExecutor(HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
				if (this.welcomedOn != opened) {
					helloAgain(opened);
				}
			});
		}

		/** Lets the connection go at once, as the web client does, and opens another. */
		private void helloAgain(WebSocket connection) {
			if (connection != null && this.socket == connection) {
				closeWith(4000, "retry");
				dropped(connection);
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket from, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				received(JSON.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
			from.request(1);
			return null;
		}

		private void received(JsonNode frame) {
			switch (frame.path("type").asString()) {
				case "welcome" -> {
					this.welcomedOn = this.socket;
					this.token = frame.path("token").asString();
					this.id = frame.path("session").asString();
					this.attempt = 0;
					this.progress = "welcomed, join sent";
					sendJoin();
				}
				case "joined" -> {
					frame.path("history").forEach(this::acknowledgeOwn);
					this.joined = true;
					this.progress = "joined";
				}
				case "chat.message" -> acknowledgeOwn(frame);
				// The instance drains: move as the web client does (4000 keeps the
				// rooms).
				case "reconnect" ->
					CompletableFuture.delayedExecutor(frame.path("afterMs").asLong(0), TimeUnit.MILLISECONDS)
						.execute(() -> closeWith(4000, "moving"));
				case "error" -> refused(frame);
				default -> {
				}
			}
		}

		private void sendJoin() {
			send(JSON.createObjectNode()
				.put("type", "join")
				.put("room", ChatBot.this.room)
				.put("role", "viewer")
				.put("ref", "join")
				.toString());
		}

		/**
		 * A hello refused for now goes again on a new connection (it may have half
		 * resumed the session), a join on this one after the wait, as the web client
		 * does.
		 */
		private void refused(JsonNode error) {
			String code = error.path("code").asString();
			String ref = error.path("ref").asString("");
			ChatBot.this.refusals.add(code);
			this.lastRefusal = ref.isEmpty() ? code : ref + " " + code;
			if (!RETRYABLE.contains(code)) {
				return;
			}
			WebSocket current = this.socket;
			if (ref.equals("hello")) {
				helloAgain(current);
			}
			else if (ref.equals("join")) {
				CompletableFuture
					.delayedExecutor(error.path("retryAfterMs").asLong(RETRY_MILLIS), TimeUnit.MILLISECONDS)
					.execute(() -> {
						if (this.socket == current && !this.joined) {
							sendJoin();
						}
					});
			}
		}

		private void acknowledgeOwn(JsonNode message) {
			if (message.path("from").asString().equals(this.id)) {
				ChatBot.this.acknowledged.add(message.path("text").asString());
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket from, int statusCode, String reason) {
			dropped(from);
			return null;
		}

		@Override
		public void onError(WebSocket from, Throwable error) {
			dropped(from);
		}

		private void dropped(WebSocket from) {
			synchronized (this) {
				if (this.socket != from) {
					return;
				}
				this.socket = null;
			}
			this.partial.setLength(0);
			reconnect();
		}

	}

}
