package dev.onair.presence.viewers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.presence.ViewerCount;
import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.RoomCount;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes a room's count when it changes, at most once per interval per room: the first
 * change after a quiet period goes out at once, later ones are folded into one count sent
 * when the interval is over. The count is read from Redis when sent, so it is always the
 * latest exact value. Counts go out through the {@code viewerCounts-out-0} binding
 * (application.yml), all from the one {@code viewer-counts} thread: never an event loop,
 * and a send waiting for Kafka (up to {@code max.block.ms}) holds only the counts behind
 * it.
 */
@Component
public class ViewerCountPublisher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ViewerCountPublisher.class);

	private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

	private final Membership membership;

	/** The output binding to {@code presence.viewer-counts}. */
	static final String BINDING = "viewerCounts-out-0";

	private final StreamBridge bridge;

	private final JsonMapper json;

	private final Clock clock;

	private final BusiestRooms busiest;

	private final long intervalMillis;

	/** Per room: when its last count went out and whether another one is scheduled. */
	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
			Thread.ofPlatform().name("viewer-counts").daemon().factory());

	private volatile boolean running;

	ViewerCountPublisher(Membership membership, StreamBridge bridge, JsonMapper json, Clock clock,
			CountProperties properties, BusiestRooms busiest) {
		this.membership = membership;
		this.bridge = bridge;
		this.json = json;
		this.clock = clock;
		this.busiest = busiest;
		this.intervalMillis = properties.interval().toMillis();
		this.scheduler.setRemoveOnCancelPolicy(true);
	}

	/** The room's count changed; publish it now or at the end of its interval. */
	public void changed(String room) {
		this.windows.compute(room, (key, window) -> {
			long now = this.clock.millis();
			if (window != null && window.pending()) {
				return window;
			}
			long delay = (window != null) ? window.sentAt() + this.intervalMillis - now : 0;
			try {
				this.scheduler.schedule(() -> publish(room), Math.max(delay, 0), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: whoever owns the room next publishes it.
				return window;
			}
			// Pending until the publish starts: changes before it are read by it anyway,
			// and cannot schedule a second publish closer than one interval.
			return (delay > 0) ? new Window(window.sentAt(), true) : new Window(now, true);
		});
	}

	private void publish(String room) {
		long started = this.clock.millis();
		this.windows.computeIfPresent(room, (key, window) -> new Window(started, false));
		try {
			RoomCount count = this.membership.count(room).block(REDIS_TIMEOUT);
			this.busiest.track(room);
			// Stamped with the publish's start, which the interval is measured from: a
			// slow
			// Redis read must not make two counts look closer than one interval apart.
			ViewerCount message = new ViewerCount(room, count.viewers(), count.peak(), Instant.ofEpochMilli(started));
			Message<byte[]> record = MessageBuilder.withPayload(this.json.writeValueAsBytes(message))
				.setHeader(KafkaHeaders.KEY, room.getBytes(StandardCharsets.UTF_8))
				.setHeader(KafkaHeaders.TIMESTAMP, started)
				.build();
			// Asynchronous: a count Kafka refuses is logged by the binder's producer, and
			// the room's next change publishes it again.
			if (!this.bridge.send(BINDING, record)) {
				log.atWarn().addKeyValue("room", room).log("Viewer count not published");
			}
		}
		catch (RuntimeException ex) {
			// The next change (at the latest the next heartbeat) publishes the room
			// again.
			log.atWarn().addKeyValue("room", room).setCause(ex).log("Viewer count not read");
		}
		forgetQuietRooms();
	}

	/**
	 * Rooms quiet for a whole interval would publish at once anyway; drop their state.
	 */
	private void forgetQuietRooms() {
		long now = this.clock.millis();
		this.windows.forEach((room, window) -> {
			if (!window.pending() && now - window.sentAt() > this.intervalMillis) {
				this.windows.remove(room, window);
			}
		});
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Sends what is still scheduled before the Kafka producer goes away. */
	@Override
	public void stop() {
		this.running = false;
		this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(true);
		this.scheduler.shutdown();
		try {
			this.scheduler.awaitTermination(this.intervalMillis * 4 + REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops after the input bindings (which report changes; Spring Cloud Stream's
	 * {@code InputBindingLifecycle}, phase {@code DEFAULT_PHASE - 3000}) and before the
	 * output bindings ({@code OutputBindingLifecycle}, {@code Integer.MIN_VALUE + 1000}).
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 3100;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Window(long sentAt, boolean pending) {

	}

}
