package dev.onair.gateway.session;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One browser connection to this instance and, after {@code hello}, the session it
 * carries. Frames for it are queued here from any thread (Kafka listeners, Redis
 * callbacks, the keepalive timer) and written by the connection, in order.
 */
public final class Session {

	private static final Logger log = LoggerFactory.getLogger(Session.class);

	/**
	 * A client that lets this many bytes pile up is too slow to keep; closing it bounds
	 * memory and lets it reconnect fresh. Counted in bytes of queued frames, not frames:
	 * one SDP weighs as much as a hundred chat messages.
	 */
	private static final int OUTBOUND_LIMIT_BYTES = 1 << 20;

	private final WebSocketSession connection;

	/**
	 * Every frame the connection writes, pings included, so one queue feeds it. Grows in
	 * small chunks: 10,000 idle sessions must not each hold a large array.
	 */
	private final Sinks.Many<WebSocketMessage> outbound = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<WebSocketMessage>unbounded(Queues.XS_BUFFER_SIZE).get());

	private final AtomicLong queuedBytes = new AtomicLong();

	private final Map<String, Role> rooms = new ConcurrentHashMap<>();

	/**
	 * Rooms where media-service may hold media of this session, so a departure from them
	 * must tell it. A viewer that joined and never watched holds none: telling
	 * media-service of each of 10,000 such departures cost it more CPU than the
	 * departures cost the gateways. A mark may outlive its room (a harmless extra
	 * {@code left}); a missing mark would leak media, so resumed rooms are marked.
	 */
	private final Set<String> mediaRooms = ConcurrentHashMap.newKeySet();

	private final RateWindow frameLimit;

	private final RateWindow chatLimit;

	private volatile String id;

	private volatile String name;

	private volatile long lastSeenNanos = System.nanoTime();

	/** Why the gateway closed this connection, or {@code null} while it did not. */
	private volatile String closedBecause;

	/** Whether this instance told the client to reconnect elsewhere. */
	private volatile boolean sentAway;

	/** When the client got its current TURN credentials ({@code turn.TurnRefresh}). */
	private volatile Instant iceServersIssuedAt;

	public Session(WebSocketSession connection, RateWindow frameLimit, RateWindow chatLimit) {
		this.connection = connection;
		this.frameLimit = frameLimit;
		this.chatLimit = chatLimit;
	}

	/** The connection id, unique per instance. */
	public String connectionId() {
		return this.connection.getId();
	}

	public boolean started() {
		return this.id != null;
	}

	public void start(String id, String name) {
		this.id = id;
		this.name = name;
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public void iceServersIssued(Instant at) {
		this.iceServersIssuedAt = at;
	}

	public Instant iceServersIssuedAt() {
		return this.iceServersIssuedAt;
	}

	public Map<String, Role> rooms() {
		return this.rooms;
	}

	public Role roleIn(String room) {
		return this.rooms.get(room);
	}

	/** Media-service may hold media of this session in {@code room} from now on. */
	public void mayHoldMedia(String room) {
		this.mediaRooms.add(room);
	}

	public boolean mayHoldMediaIn(String room) {
		return this.mediaRooms.contains(room);
	}

	/**
	 * The session's role in {@code room}, refusing when the room is missing or the
	 * session has not joined it.
	 */
	public Role requireIn(String room) {
		if (room == null || room.isBlank()) {
			throw new Refusal("field.missing", "room is required");
		}
		Role role = this.rooms.get(room);
		if (role == null) {
			throw new Refusal("room.not-joined", "Join room " + room + " first");
		}
		return role;
	}

	public RateWindow frameLimit() {
		return this.frameLimit;
	}

	public RateWindow chatLimit() {
		return this.chatLimit;
	}

	public void seen() {
		this.lastSeenNanos = System.nanoTime();
	}

	public long lastSeenNanos() {
		return this.lastSeenNanos;
	}

	/**
	 * Queues a text frame, UTF-8 encoded; a client that cannot keep up is disconnected.
	 * Fan-outs encode a frame once and hand every session the same bytes.
	 */
	public void send(byte[] utf8) {
		enqueue(new WebSocketMessage(WebSocketMessage.Type.TEXT, this.connection.bufferFactory().wrap(utf8)));
	}

	/** Queues a ping, behind the frames already queued. */
	public void ping() {
		enqueue(this.connection.pingMessage((factory) -> factory.wrap(new byte[0])));
	}

	private synchronized void enqueue(WebSocketMessage message) {
		if (this.queuedBytes.addAndGet(message.getPayload().readableByteCount()) > OUTBOUND_LIMIT_BYTES) {
			if (this.closedBecause == null) {
				log.warn("Closing slow connection session={} connection={}", this.id, connectionId());
				close("slow", CloseStatus.POLICY_VIOLATION.withReason("too slow"));
			}
			return;
		}
		this.outbound.tryEmitNext(message);
	}

	/** Frames to write, in order; each one taken no longer counts against the limit. */
	public Flux<WebSocketMessage> outbound() {
		return this.outbound.asFlux()
			.doOnNext((message) -> this.queuedBytes.addAndGet(-message.getPayload().readableByteCount()));
	}

	/**
	 * Closes the connection from our side; {@code reason} tags
	 * {@code onair_gateway_disconnects_total} ({@code idle}, {@code slow}, {@code drain},
	 * {@code replaced}).
	 */
	public void close(String reason, CloseStatus status) {
		this.closedBecause = reason;
		this.connection.close(status).subscribe();
	}

	public String closedBecause() {
		return this.closedBecause;
	}

	/** Marks that the client was told to reconnect elsewhere and will resume there. */
	public void sentAway() {
		this.sentAway = true;
	}

	public boolean wasSentAway() {
		return this.sentAway;
	}

}
