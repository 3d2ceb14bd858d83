package dev.onair.media.janus;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every configured Janus node, and the threads that serve them all (docs/development.md,
 * "Threads that must not block"):
 * <ul>
 * <li>{@code janus-events} publishes Janus events and {@link NodeDown} as application
 * events, in the order they arrived, off the WebSocket's own threads. It never waits
 * (BlockHound fails the integration tests if it does): listeners only read memory and
 * queue sends; what waits on Redis or Janus they hand to {@link #followUp}.</li>
 * <li>{@code janus-followup} runs that work, in the order it was handed over. It may
 * wait, each time bounded by the Redis or Janus timeout, and nothing anybody waits for
 * runs there.</li>
 * <li>{@code janus-writer} writes every request to every node, in order (see
 * {@link JanusNode}).</li>
 * <li>{@code janus-ping} pings the nodes, reconnects them and marks silent ones
 * down.</li>
 * </ul>
 * All are scheduled executors, even where nothing is scheduled: a thread that must not
 * wait may then hand them work, and {@code janus-events} may idle, inside the one queue
 * BlockHound's Reactor integration allows (Reactor's own schedulers are built on it).
 */
@Component
public class JanusNodes {

	private static final Logger log = LoggerFactory.getLogger(JanusNodes.class);

	private final List<JanusNode> nodes;

	private final ScheduledExecutorService pinger = Executors
		.newSingleThreadScheduledExecutor(appThreads("janus-ping"));

	private final ScheduledExecutorService dispatcher = Executors
		.newSingleThreadScheduledExecutor(appThreads("janus-events"));

	private final ScheduledExecutorService followUps = Executors
		.newSingleThreadScheduledExecutor(appThreads("janus-followup"));

	private final ScheduledExecutorService writer = Executors
		.newSingleThreadScheduledExecutor(appThreads("janus-writer"));

	JanusNodes(JanusProperties properties, JsonMapper json, ApplicationEventPublisher publisher, MeterRegistry meters) {
		HttpClient http = JanusTrust.client(properties);
		this.nodes = properties.wsUrls()
			.stream()
			.map((url) -> new JanusNode(url, properties, json, http,
					(event) -> this.dispatcher.execute(reportingFailures(() -> publisher.publishEvent(event))),
					(node) -> this.dispatcher
						.execute(reportingFailures(() -> publisher.publishEvent(new NodeDown(node)))),
					this.writer))
			.toList();
		// The "Janus node down" alert in k8s/ reads this gauge.
		this.nodes.forEach((node) -> Gauge.builder("onair.media.janus.node.up", node, (n) -> n.up() ? 1 : 0)
			.description("1 while the Janus node answers media-service's keepalives")
			.tag("node", node.id())
			.register(meters));
		long period = properties.ping().toMillis();
		this.pinger.scheduleAtFixedRate(() -> this.nodes.forEach(JanusNode::tick), 0, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Threads that see the application's classes. The executors start their thread on
	 * first use, which may be a WebSocket thread whose context class loader is the JDK's:
	 * in the packaged jar, Kafka's producer config then cannot load its own classes and
	 * every later send fails.
	 */
	private static ThreadFactory appThreads(String name) {
		ThreadFactory factory = Thread.ofPlatform().name(name).daemon().factory();
		ClassLoader application = JanusNodes.class.getClassLoader();
		return (task) -> {
			Thread thread = factory.newThread(task);
			thread.setContextClassLoader(application);
			return thread;
		};
	}

	/**
	 * Runs work that a Janus event or {@link NodeDown} caused and that waits on Redis or
	 * Janus, on {@code janus-followup}, after the work handed over before it.
	 */
	public void followUp(Runnable work) {
		this.followUps.execute(reportingFailures(work));
	}

	/** Like {@link #followUp}, after a delay. */
	public void followUpAfter(long delay, TimeUnit unit, Runnable work) {
		this.followUps.schedule(reportingFailures(work), delay, unit);
	}

	/**
	 * A scheduled executor keeps what a task throws in a future nobody reads; this logs
	 * it.
	 */
	private static Runnable reportingFailures(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("Handling a Janus event failed", ex);
			}
		};
	}

	public List<JanusNode> all() {
		return this.nodes;
	}

	/** The node with this id, if it is still configured. */
	public Optional<JanusNode> byId(String id) {
		return this.nodes.stream().filter((node) -> node.id().equals(id)).findFirst();
	}

	@PreDestroy
	void stop() {
		this.pinger.shutdownNow();
		this.dispatcher.shutdownNow();
		this.followUps.shutdownNow();
		this.writer.shutdownNow();
	}

}
