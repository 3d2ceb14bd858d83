package dev.onair.systemtest.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.onair.systemtest.fuzz.HostileFrames.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.resolver.DefaultAddressResolverGroup;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One hostile client on one WebSocket, run on its own (virtual) thread: it says
 * {@code hello}, joins its room, then sends hostile frames, each followed by a probe (a
 * {@code leave} of a room nobody is in, with a {@code ref} of its own). The gateway
 * handles a connection's frames one after the other and queues its answers in order, so
 * whatever arrives before the probe's error is the hostile frame's answer. Frames the
 * gateway pushes on its own (viewer counts, chat, media-service's replies) are counted
 * apart.
 */
final class FuzzSocket {

	/** Server frames up to this size are read (an error may quote a 64 KiB frame). */
	private static final int MAX_RECEIVED = 1 << 20;

	/** Waits for an answer: the gateway's are milliseconds, Kafka's tens of them. */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RECONNECT_PATIENCE = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PROBE_ROOM = "fuzz-probe";

	private final URI target;

	private final String origin;

	private final String room;

	private final String ownerToken;

	private final FuzzTally tally;

	private final long pairInterval;

	private final LinkedTransferQueue<Object> inbox = new LinkedTransferQueue<>();

	private Channel channel;

	private Disposable connection;

	private long probes;

	/** What the connection delivered: a text frame, a binary frame, or its end. */
	private record Binary(int length) {
	}

	private record Closed(String how) {
	}

	FuzzSocket(URI target, String origin, String room, String ownerToken, FuzzTally tally, double framesPerSecond) {
		this.target = target;
		this.origin = origin;
		this.room = room;
		this.ownerToken = ownerToken;
		this.tally = tally;
		// Two frames per hostile one (it and its probe), under the gateway's 100 per 2 s.
		this.pairInterval = (long) (2e9 / framesPerSecond);
	}

	/** Sends {@code count} hostile frames, reconnecting after every close. */
	void run(HostileFrames frames, int count) {
		connectPatiently();
		long next = System.nanoTime();
		for (int sent = 0; sent < count; sent++) {
			for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			// Paced from when each pair really goes. Pairs behind schedule (after a slow
			// answer) used to go back to back to catch up, past the gateway's 100 frames
			// per 2 s; the probes refused as rate.limited then waited out the timeout and
			// cost 10 s more, so a connection never caught up (1,048 "no answer" in the
			// run of 2026-12-02, every one with a rate.limited meanwhile).
			next = System.nanoTime() + this.pairInterval;
			Frame frame = frames.next();
			String verdict = exchange(frame);
			this.tally.frame(this.target, this.room, frame, verdict);
			if (verdict.startsWith(FuzzTally.CLOSED) || verdict.startsWith(FuzzTally.FAILED)) {
				this.connection.dispose();
				connectPatiently();
			}
		}
		close();
	}

	/**
	 * Sends one frame again on a fresh connection, to tell a finding from a service that
	 * a drill restarted meanwhile; returns its verdict as the tally judges it.
	 */
	String replay(Frame frame) {
		connectPatiently();
		String verdict = FuzzTally.judge(frame, exchange(frame));
		close();
		return verdict;
	}

	/**
	 * Connects; a service that is restarting (other tools share this stack) gets a
	 * minute, tried every second.
	 */
	private void connectPatiently() {
		long deadline = System.nanoTime() + RECONNECT_PATIENCE.toNanos();
		while (true) {
			try {
				connect();
				return;
			}
			catch (IllegalStateException ex) {
				if (this.connection != null) {
					this.connection.dispose();
				}
				if (System.nanoTime() - deadline > 0) {
					throw ex;
				}
				LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
			}
		}
	}

	/** The verdict on one hostile frame: its answer, or why it has none. */
	private String exchange(Frame frame) {
		long probe = ++this.probes;
		String probeRef = "probe-" + probe;
		write(frame.binary() ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.payload()))
				: new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.payload())));
		write(new TextWebSocketFrame(
				"{\"type\":\"leave\",\"room\":\"" + PROBE_ROOM + "\",\"ref\":\"" + probeRef + "\"}"));
		String answer = null;
		// What came while waiting, so a probe left unanswered says what came instead.
		Set<String> meanwhile = new TreeSet<>();
		long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
		while (true) {
			Object received = take(deadline);
			if (received == null) {
				return FuzzTally.FAILED + "no answer to the probe within " + ANSWER_TIMEOUT.toSeconds() + " s"
						+ " (meanwhile: " + meanwhile + ", answer: " + answer + ")";
			}
			if (received instanceof Closed closed) {
				return FuzzTally.CLOSED + closed.how();
			}
			if (received instanceof Binary binary) {
				return FuzzTally.FAILED + "the gateway sent a binary frame of " + binary.length() + " bytes";
			}
			JsonNode message = parse((String) received);
			if (message == null) {
				return FuzzTally.FAILED + "unreadable server frame";
			}
			String type = message.path("type").asString("");
			String code = message.path("code").asString("");
			String ref = message.path("ref").asString("");
			meanwhile.add(type.equals("error") ? "error " + code : type);
			if (type.equals("error") && ref.equals(probeRef)) {
				return (answer != null) ? answer : FuzzTally.SILENT;
			}
			if (type.equals("error") && !code.startsWith("media.") && !ref.startsWith("probe-")) {
				if (answer == null) {
					answer = code.isEmpty() ? FuzzTally.FAILED + "error without a code" : "error " + code;
				}
			}
			else if (answer == null && (type.equals("welcome") || type.equals("joined") || type.equals("left"))) {
				answer = "answered " + type;
			}
			else if (!ref.startsWith("probe-")) {
				this.tally.pushed(type.equals("error") ? "error " + code : type);
			}
		}
	}

	/** Connects, says hello and joins the room; a refusal there is a finding. */
	private void connect() {
		this.inbox.clear();
		CompletableFuture<Channel> upgraded = new CompletableFuture<>();
		this.connection = HttpClient.newConnection()
			.resolver(DefaultAddressResolverGroup.INSTANCE)
			.option(ChannelOption.ALLOCATOR, FuzzRun.BUFFERS)
			.headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, this.origin))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_RECEIVED).build())
			.uri(this.target)
			.handle((in, out) -> {
				in.withConnection((connected) -> upgraded.complete(connected.channel()));
				in.receiveCloseStatus()
					.subscribe((status) -> this.inbox
						.offer(new Closed("close " + status.code() + " " + status.reasonText())));
				return in.aggregateFrames(MAX_RECEIVED).receiveFrames().doOnNext(this::received).then();
			})
			.subscribe(null, (error) -> {
				upgraded.completeExceptionally(error);
				this.inbox.offer(new Closed("connection error " + error));
			}, () -> this.inbox.offer(new Closed("connection ended")));
		try {
			this.channel = upgraded.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot connect to " + this.target, ex);
		}
		setUp("{\"type\":\"hello\",\"v\":1,\"name\":\"fuzz\"}", "welcome");
		setUp("{\"type\":\"join\",\"room\":\"" + this.room + "\",\"role\":\""
				+ ((this.ownerToken != null) ? "publisher\",\"ownerToken\":\"" + this.ownerToken : "viewer") + "\"}",
				"joined");
	}

	private void setUp(String frame, String expected) {
		write(new TextWebSocketFrame(frame));
		long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
		for (Object received = take(deadline); received != null; received = take(deadline)) {
			if (received instanceof String text) {
				JsonNode message = parse(text);
				if (message != null && message.path("type").asString("").equals(expected)) {
					return;
				}
				if (message != null && message.path("type").asString("").equals("error")) {
					throw new IllegalStateException(frame + " refused: " + text);
				}
			}
			else if (received instanceof Closed closed) {
				throw new IllegalStateException(frame + ": connection closed, " + closed.how());
			}
		}
		throw new IllegalStateException("No " + expected + " within " + ANSWER_TIMEOUT.toSeconds() + " s");
	}

	/** Starts the closing handshake and waits for the gateway to end the connection. */
	private void close() {
		write(new CloseWebSocketFrame(1000, "fuzz done"));
		long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
		for (Object received = take(deadline); received != null; received = take(deadline)) {
			if (received instanceof Closed) {
				break;
			}
		}
		this.connection.dispose();
	}

	private void received(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame text) {
			this.inbox.offer(text.content().toString(StandardCharsets.UTF_8));
		}
		else if (frame instanceof BinaryWebSocketFrame binary) {
			this.inbox.offer(new Binary(binary.content().readableBytes()));
		}
	}

	private void write(WebSocketFrame frame) {
		this.channel.writeAndFlush(frame);
	}

	private Object take(long deadline) {
		try {
			return this.inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
