package dev.onair.media.janus;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every configured Janus node, connected and pinged from one scheduler thread. Janus
 * events and {@link NodeDown} are published as application events from a single
 * {@code janus-events} thread: in order, off the WebSocket's own threads, and allowed to
 * call Janus back.
 */
@Component
public class JanusNodes {

	private final List<JanusNode> nodes;

	private final ScheduledExecutorService pinger = Executors
		.newSingleThreadScheduledExecutor(appThreads("janus-ping"));

	private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(appThreads("janus-events"));

	JanusNodes(JanusProperties properties, JsonMapper json, ApplicationEventPublisher publisher, MeterRegistry meters) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.downAfter()).build();
		this.nodes = properties.wsUrls()
			.stream()
			.map((url) -> new JanusNode(url, properties, json, http,
					(event) -> this.dispatcher.execute(() -> publisher.publishEvent(event)),
					(node) -> this.dispatcher.execute(() -> publisher.publishEvent(new NodeDown(node)))))
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
	}

}
