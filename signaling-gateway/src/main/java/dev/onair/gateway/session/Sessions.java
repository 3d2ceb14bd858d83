package dev.onair.gateway.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The sessions this instance holds: every open connection, started sessions by id, and
 * room membership, so fan-out consumers find the local recipients of a room quickly.
 */
@Component
public class Sessions {

	private static final List<String> DISCONNECT_REASONS = List.of("client", "error", "idle", "slow", "drain",
			"replaced");

	private final Set<Session> connections = ConcurrentHashMap.newKeySet();

	private final Map<String, Session> byId = new ConcurrentHashMap<>();

	private final Map<String, Set<Session>> byRoom = new ConcurrentHashMap<>();

	private final Object emptied = new Object();

	private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	/** The connection gauge and disconnect counter feed the gateway alerts in k8s/. */
	public Sessions(MeterRegistry meters) {
		Gauge.builder("onair.gateway.connections", this.connections, Set::size)
			.description("Open browser WebSocket connections on this instance")
			.register(meters);
		this.meters = meters;
		// Registered at zero, so rate() and the alerts see every reason from the start.
		DISCONNECT_REASONS.forEach((reason) -> disconnects(reason));
	}

	private Counter disconnects(String reason) {
		return this.disconnects.computeIfAbsent(reason,
				(key) -> Counter.builder("onair.gateway.disconnects")
					.description("Browser WebSocket connections that closed, by reason")
					.tag("reason", key)
					.register(this.meters));
	}

	public void connected(Session session) {
		this.connections.add(session);
	}

	/**
	 * Registers a started session.
	 * @return the older connection of the same session on this instance, or {@code null}
	 */
	public Session started(Session session) {
		Session previous = this.byId.put(session.id(), session);
		return (previous != session) ? previous : null;
	}

	/**
	 * Forgets a closed connection and its room memberships; counts it by {@code reason}
	 * ({@code client}, {@code error}, or why we closed it, see {@link Session#close}).
	 */
	public void disconnected(Session session, String reason) {
		if (this.connections.remove(session)) {
			disconnects(reason).increment();
		}
		if (session.id() != null) {
			this.byId.remove(session.id(), session);
		}
		session.rooms().keySet().forEach((room) -> removeFromRoom(session, room));
		synchronized (this.emptied) {
			this.emptied.notifyAll();
		}
	}

	public void enter(Session session, String room, Role role) {
		session.rooms().put(room, role);
		this.byRoom.computeIfAbsent(room, (key) -> ConcurrentHashMap.newKeySet()).add(session);
	}

	public void exit(Session session, String room) {
		session.rooms().remove(room);
		removeFromRoom(session, room);
	}

	private void removeFromRoom(Session session, String room) {
		this.byRoom.computeIfPresent(room, (key, members) -> {
			members.remove(session);
			return members.isEmpty() ? null : members;
		});
	}

	public Session get(String id) {
		return this.byId.get(id);
	}

	public Collection<Session> inRoom(String room) {
		Set<Session> members = this.byRoom.get(room);
		return (members != null) ? members : List.of();
	}

	public Set<String> rooms() {
		return this.byRoom.keySet();
	}

	public Collection<Session> connections() {
		return this.connections;
	}

	/**
	 * Waits until every connection has closed or {@code timeout} passed.
	 * @return whether every connection closed
	 */
	public boolean awaitNoConnections(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.emptied) {
			while (!this.connections.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				this.emptied.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
			}
		}
		return true;
	}

}
