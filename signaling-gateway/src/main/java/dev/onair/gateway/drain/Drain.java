package dev.onair.gateway.drain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.ws.Reconnect;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.system.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Stops first on shutdown (highest phase: before the Kafka listeners, so draining clients
 * still get chat and signals, and before the web server's graceful shutdown): turns
 * readiness off, sends each client {@code reconnect} with a jittered delay so they do not
 * stampede the other instances, waits (bounded) for them to leave, then closes the rest.
 */
@Component
public class Drain implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Drain.class);

	/** How long closed connections get to finish closing. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private final Sessions sessions;

	private final Frames frames;

	private final ApplicationEventPublisher events;

	private final GatewayProperties.Drain settings;

	private volatile boolean running;

	private volatile boolean draining;

	private volatile boolean closed;

	Drain(Sessions sessions, Frames frames, ApplicationEventPublisher events, GatewayProperties properties) {
		this.sessions = sessions;
		this.frames = frames;
		this.events = events;
		this.settings = properties.drain();
	}

	/** Whether this instance is shutting down; new connections are sent away at once. */
	public boolean draining() {
		return this.draining;
	}

	/**
	 * Whether every connection has been closed for shutdown: frames still in flight are
	 * dropped, since Redis and Kafka are about to stop (Lettuce can hang when a command
	 * races with its shutdown).
	 */
	public boolean closed() {
		return this.closed;
	}

	/** Sends {@code reconnect} with a delay spread over the jitter window. */
	public void sendAway(Session session) {
		long jitter = ThreadLocalRandom.current().nextLong(this.settings.maxJitter().toMillis() + 1);
		session.sentAway();
		this.frames.send(session, new Reconnect(jitter));
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.draining = true;
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		int count = this.sessions.connections().size();
		log.info("Draining {} connections", count);
		this.sessions.connections().forEach(this::sendAway);
		try {
			boolean empty = this.sessions.awaitNoConnections(this.settings.maxWait());
			this.closed = true;
			if (!empty) {
				log.info("Closing {} connections that did not leave in {}", this.sessions.connections().size(),
						this.settings.maxWait());
				this.sessions.connections().forEach((session) -> session.close("drain", CloseStatus.GOING_AWAY));
				if (!this.sessions.awaitNoConnections(CLOSE_WAIT)) {
					log.warn("{} connections still open after closing them", this.sessions.connections().size());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
