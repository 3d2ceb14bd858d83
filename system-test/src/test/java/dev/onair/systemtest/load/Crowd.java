package dev.onair.systemtest.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.onair.systemtest.load.WsSession.State;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.resolver.DefaultAddressResolverGroup;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * The viewer sessions of one room, spread round-robin over the targets, and their
 * counters: how many are connecting, in the room (joined and not asked to leave), closed
 * cleanly. Closing the crowd closes every session it still holds (1000), then drops the
 * ones that do not finish, so a run never leaves connections behind.
 */
final class Crowd implements AutoCloseable {

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient.WebsocketSender client;

	private final List<URI> targets;

	private final String room;

	private final String[] greeting;

	private final Measurements measurements = new Measurements();

	private final Set<WsSession> live = ConcurrentHashMap.newKeySet();

	private final Queue<WsSession> joinedOrder = new ConcurrentLinkedQueue<>();

	private final AtomicInteger started = new AtomicInteger();

	private final AtomicInteger resolved = new AtomicInteger();

	private final AtomicInteger inRoom = new AtomicInteger();

	private final AtomicInteger closedCleanly = new AtomicInteger();

	private Crowd(List<URI> targets, String room) {
		// No pool (a WebSocket holds its connection for good) and no DNS: every target is
		// an IP literal, resolved by the JDK without a lookup.
		HttpClient http = HttpClient.newConnection()
			.resolver(DefaultAddressResolverGroup.INSTANCE)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
			.headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, LoadSettings.origin()));
		this.client = http
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(WsSession.MAX_FRAME_BYTES).build());
		// Event loops, codecs and their classes are made before the first paced start (it
		// took 130 ms otherwise): one upgrade without hello, closed at once, joins
		// nothing.
		http.warmup().block(WARM_UP_TIMEOUT);
		this.client.uri(targets.get(0))
			.handle((in, out) -> out.sendClose(1000, "warm-up"))
			.then()
			.block(WARM_UP_TIMEOUT);
		this.targets = targets;
		this.room = room;
		this.greeting = WsSession.greeting(room);
	}

	/**
	 * A crowd for the room of a new broadcast (gateways admit viewers to real broadcasts
	 * only) on the targets {@code -Dload.via} picks, {@code defaultVia} when not set;
	 * reports both.
	 */
	static Crowd inFreshRoom(String scenario, String defaultVia) {
		List<URI> targets = LoadSettings.targets(defaultVia);
		Crowd crowd = new Crowd(targets, StackProbe.createBroadcast("load " + scenario));
		report(scenario, "room " + crowd.room + " via " + targets);
		return crowd;
	}

	static void report(String scenario, String line) {
		System.out.printf("BENCH load %s: %s%n", scenario, line);
	}

	Measurements measurements() {
		return this.measurements;
	}

	String room() {
		return this.room;
	}

	/** What each session sends first: {@code hello} and {@code join} of this room. */
	String[] greeting() {
		return this.greeting;
	}

	/** Sessions joined and not asked to leave: the count presence should publish. */
	int inRoom() {
		return this.inRoom.get();
	}

	/** Sessions still open: connecting, in the room, leaving or closing. */
	int live() {
		return this.live.size();
	}

	/** Sessions that have neither joined nor failed yet. */
	int connecting() {
		return this.started.get() - this.resolved.get();
	}

	int closedCleanly() {
		return this.closedCleanly.get();
	}

	/** Opens one more session; its join latency counts from {@code scheduledAt}. */
	WsSession start(long scheduledAt) {
		WsSession session = new WsSession(this, this.room, scheduledAt);
		this.live.add(session);
		session.open(this.client, this.targets.get(this.started.getAndIncrement() % this.targets.size()));
		return session;
	}

	/**
	 * Starts {@code count} sessions at {@code perSecond} (open loop), waits until each
	 * has joined or failed, at most {@code timeout} after the last start, drops those
	 * still connecting, and reports the wave.
	 */
	void joinWave(String scenario, int count, double perSecond, Duration timeout) {
		Samples latencies = new Samples(count);
		this.measurements.measureJoins(latencies);
		int joinedBefore = this.inRoom.get();
		long first = System.nanoTime();
		long lag = Timing.pace(count, perSecond, (index, at) -> start(at));
		long offered = System.nanoTime() - first;
		if (!Timing.await(timeout, Timing.QUICKLY, () -> connecting() == 0)) {
			abortConnecting(timeout);
		}
		int joined = this.inRoom.get() - joinedBefore;
		report(scenario,
				String.format(
						"%d sessions offered at %.0f/s, started within %s (%.0f/s; generator behind schedule by %s "
								+ "at worst): %d joined, %d not",
						count, perSecond, Timing.millis(offered), count / (offered / 1e9), Timing.millis(lag), joined,
						count - joined));
		if (joined > 0) {
			long span = this.measurements.lastJoinedAt() - first;
			report(scenario, String.format("first connect -> last joined %s (%.0f joins/s)", Timing.millis(span),
					joined / (span / 1e9)));
		}
		report(scenario, "join latency (scheduled connect start -> joined): " + latencies.summary());
		reportErrors(scenario, "errors while joining");
	}

	/** Drops every session still connecting; each counts as an error. */
	void abortConnecting(Duration waited) {
		this.live.stream()
			.filter((session) -> session.state() == State.CONNECTING)
			.forEach((session) -> session.abort("not joined within " + waited.toSeconds() + " s"));
	}

	/** Prints the errors counted since the last report, by code. */
	void reportErrors(String scenario, String what) {
		Map<String, Long> errors = this.measurements.takeErrors();
		report(scenario, what + ": " + (errors.isEmpty() ? "none" : errors));
	}

	/** Up to {@code count} joined sessions, the earliest first. */
	List<WsSession> joined(int count) {
		return this.joinedOrder.stream().filter((session) -> session.state() == State.JOINED).limit(count).toList();
	}

	/**
	 * The earliest joined session leaves: with a {@code leave} frame and a clean close
	 * after {@code left}, or with a plain clean close.
	 * @return false if no session was in the room
	 */
	boolean leaveOldest(boolean withLeaveFrame) {
		for (WsSession session = this.joinedOrder.poll(); session != null; session = this.joinedOrder.poll()) {
			if (withLeaveFrame ? session.leave() : session.close() == State.JOINED) {
				this.inRoom.decrementAndGet();
				return true;
			}
		}
		return false;
	}

	/**
	 * Sends a clean close to every session still open but {@code kept} (may be null).
	 * @return how many
	 */
	int closeAllBut(WsSession kept) {
		int closing = 0;
		for (WsSession session : this.live) {
			if (session == kept) {
				continue;
			}
			State before = session.close();
			if (before == State.JOINED) {
				this.inRoom.decrementAndGet();
			}
			if (before != State.ENDED) {
				closing++;
			}
		}
		return closing;
	}

	/** Waits until every session ended, at most {@code timeout}. */
	boolean awaitAllEnded(Duration timeout) {
		return Timing.await(timeout, Timing.QUICKLY, this.live::isEmpty);
	}

	@Override
	public void close() {
		closeAllBut(null);
		if (!awaitAllEnded(CLOSE_TIMEOUT)) {
			this.live.forEach((session) -> session.abort("not closed within " + CLOSE_TIMEOUT.toSeconds() + " s"));
		}
	}

	void joined(WsSession session, long at) {
		this.measurements.joined(at - session.scheduledAt(), at);
		this.inRoom.incrementAndGet();
		this.resolved.incrementAndGet();
		this.joinedOrder.add(session);
	}

	void refused() {
		this.resolved.incrementAndGet();
	}

	/** A session's connection is over; {@code problem} is null when it ended normally. */
	void ended(WsSession session, State before, String problem) {
		this.live.remove(session);
		switch (before) {
			case CONNECTING -> {
				this.resolved.incrementAndGet();
				this.measurements.error((problem != null) ? problem : "closed before joined");
			}
			case JOINED -> {
				this.inRoom.decrementAndGet();
				this.measurements.error((problem != null) ? problem : "closed by the gateway");
			}
			case LEAVING, CLOSING -> {
				if (problem == null) {
					this.closedCleanly.incrementAndGet();
				}
				else {
					this.measurements.error("close not clean: " + problem);
				}
			}
			case ENDED -> {
			}
		}
	}

}
