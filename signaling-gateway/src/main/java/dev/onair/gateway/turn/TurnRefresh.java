package dev.onair.gateway.turn;

import java.time.Duration;
import java.time.Instant;

import dev.onair.contract.ws.IceServers;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps every connection's TURN credentials fresh. Those of {@code welcome} live
 * {@code ttl} (10 minutes), and a client builds every later peer connection (a republish,
 * a new subscription after a media node failed) from the newest it holds: without this, a
 * connection older than the lifetime could no longer relay. Every quarter of the
 * lifetime, a session whose credentials are past half of theirs gets new ones
 * ({@code ice-servers}). Runs on {@code parallel}: minting is an HMAC, sending a frame
 * only queues it.
 */
@Component
class TurnRefresh implements SmartLifecycle {

	private final Sessions sessions;

	private final Frames frames;

	private final TurnCredentials credentials;

	private final GatewayProperties.Turn turn;

	private volatile Disposable running;

	TurnRefresh(Sessions sessions, Frames frames, TurnCredentials credentials, GatewayProperties properties) {
		this.sessions = sessions;
		this.frames = frames;
		this.credentials = credentials;
		this.turn = properties.turn();
	}

	void refresh(Instant now) {
		Instant stale = now.minus(this.turn.ttl().dividedBy(2));
		for (Session session : this.sessions.connections()) {
			Instant issued = session.iceServersIssuedAt();
			if (session.started() && issued != null && issued.isBefore(stale)) {
				session.iceServersIssued(now);
				this.frames.send(session, new IceServers(this.credentials.iceServers(session.id(), now)));
			}
		}
	}

	@Override
	public void start() {
		if (this.turn.urls().isEmpty()) {
			return;
		}
		Duration every = this.turn.ttl().dividedBy(4);
		this.running = Flux.interval(every, every, Schedulers.parallel()).subscribe((tick) -> refresh(Instant.now()));
	}

	@Override
	public void stop() {
		Disposable refreshes = this.running;
		if (refreshes != null) {
			refreshes.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
