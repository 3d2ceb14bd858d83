package dev.onair.gateway.ws;

import java.time.Duration;

import dev.onair.gateway.drain.Drain;
import dev.onair.gateway.health.Canary;
import dev.onair.gateway.room.Departures;
import dev.onair.gateway.session.RateWindow;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One browser connection: frames in order through the dispatcher, queued frames out, and
 * a ping every few seconds; a connection silent (pongs included) past the idle timeout is
 * dead and closed.
 */
@Component
class GatewayWebSocketHandler implements WebSocketHandler {

	private final Dispatcher dispatcher;

	private final Sessions sessions;

	private final Departures departures;

	private final Drain drain;

	private final Canary canary;

	private final ConnectionLimit connectionLimit;

	private final GatewayProperties properties;

	GatewayWebSocketHandler(Dispatcher dispatcher, Sessions sessions, Departures departures, Drain drain, Canary canary,
			ConnectionLimit connectionLimit, GatewayProperties properties) {
		this.dispatcher = dispatcher;
		this.sessions = sessions;
		this.departures = departures;
		this.drain = drain;
		this.canary = canary;
		this.connectionLimit = connectionLimit;
		this.properties = properties;
	}

	@Override
	public Mono<Void> handle(WebSocketSession connection) {
		String address = this.connectionLimit.countedAddress(connection.getHandshakeInfo());
		if (address != null && !this.connectionLimit.tryOpen(address)) {
			// Raced past the check before the upgrade with others of its address.
			return connection.close(CloseStatus.POLICY_VIOLATION.withReason("Too many connections from this address"));
		}
		GatewayProperties.Limits limits = this.properties.limits();
		GatewayProperties.Chat chat = this.properties.chat();
		Session session = new Session(connection, new RateWindow(limits.frames(), limits.framesWindow()),
				new RateWindow(chat.messages(), chat.window()));
		this.sessions.connected(session);
		if (this.drain.draining() || this.canary.failing()) {
			this.drain.sendAway(session);
		}
		Mono<Void> input = connection.receive().doOnNext((message) -> session.seen()).concatMap((message) -> {
			if (this.drain.closed()) {
				return Mono.empty();
			}
			return switch (message.getType()) {
				case TEXT -> this.dispatcher.text(session, bytes(message));
				case BINARY -> {
					this.dispatcher.binary(session);
					yield Mono.empty();
				}
				default -> Mono.empty();
			};
		}).then();
		Mono<Void> output = connection.send(session.outbound());
		Disposable pings = keepalive(session);
		return Mono.zip(input, output).then().doFinally((signal) -> {
			if (address != null) {
				this.connectionLimit.closed(address);
			}
			pings.dispose();
			this.sessions.disconnected(session, disconnectReason(session, signal));
			boolean sentAway = this.drain.draining() || session.wasSentAway();
			// Closed by now, so the close status is known (empty when none came).
			connection.closeStatus()
				.map((status) -> cleanClose(session, status))
				.defaultIfEmpty(false)
				.subscribe((clean) -> this.departures.disconnected(session, sentAway, clean));
		});
	}

	/**
	 * The client closed on purpose (1000, or 1001 when the page goes away) and we did not
	 * close it ourselves: no resume is coming. Our clients close with 4000 when they move
	 * to another instance.
	 */
	private static boolean cleanClose(Session session, CloseStatus status) {
		return session.closedBecause() == null && (status.getCode() == CloseStatus.NORMAL.getCode()
				|| status.getCode() == CloseStatus.GOING_AWAY.getCode());
	}

	/**
	 * Pings the client every few seconds through its frame queue; a connection silent
	 * (pongs included) past the idle timeout is dead and closed.
	 */
	private Disposable keepalive(Session session) {
		Duration idle = this.properties.keepalive().idleTimeout();
		return Flux.interval(this.properties.keepalive().ping()).subscribe((tick) -> {
			if (System.nanoTime() - session.lastSeenNanos() > idle.toNanos()) {
				session.close("idle", CloseStatus.GOING_AWAY.withReason("no pong within " + idle.toSeconds() + " s"));
			}
			else {
				session.ping();
			}
		});
	}

	/** The {@code reason} of {@code onair_gateway_disconnects_total}; alerts read it. */
	private String disconnectReason(Session session, SignalType signal) {
		if (session.closedBecause() != null) {
			return session.closedBecause();
		}
		if (signal == SignalType.ON_ERROR) {
			return "error";
		}
		return this.drain.draining() ? "drain" : "client";
	}

	private static byte[] bytes(WebSocketMessage message) {
		byte[] utf8 = new byte[message.getPayload().readableByteCount()];
		message.getPayload().read(utf8);
		return utf8;
	}

}
