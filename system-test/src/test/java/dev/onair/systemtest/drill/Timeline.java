package dev.onair.systemtest.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One field of a service's JSON answer, read every 250 ms straight from the service (not
 * through edge-web, which a drill may kill), and every change of it with its time. A read
 * that fails is the value {@value #UNREACHABLE}.
 */
public final class Timeline implements AutoCloseable {

	static final String UNREACHABLE = "unreachable";

	private static final Duration EVERY = Duration.ofMillis(250);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final URI source;

	private final Function<JsonNode, String> field;

	private final List<Change> changes = new ArrayList<>();

	private final ScheduledExecutorService poller;

	/** A value and when it was first read, in nanoseconds ({@link System#nanoTime}). */
	public record Change(long at, String value) {
	}

	private Timeline(String name, URI source, Function<JsonNode, String> field) {
		this.source = source;
		this.field = field;
		this.poller = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
		this.poller.scheduleWithFixedDelay(this::read, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The broadcast's status as broadcast-service has it, e.g. {@code LIVE}. */
	public static Timeline status(String room) {
		return new Timeline("status-timeline", URI.create("http://127.0.0.1:8081/api/broadcasts/" + room),
				(json) -> json.path("status").asString());
	}

	/** The room's viewer count as presence-service has it. */
	static Timeline viewers(String room) {
		return new Timeline("count-timeline", URI.create("http://127.0.0.1:8083/api/rooms/" + room + "/viewers"),
				(json) -> json.path("viewers").asString());
	}

	private void read() {
		String value;
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(this.source).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			value = (response.statusCode() == 200) ? this.field.apply(JSON.readTree(response.body()))
					: "HTTP " + response.statusCode();
		}
		catch (IOException ex) {
			value = UNREACHABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		synchronized (this.changes) {
			if (this.changes.isEmpty() || !this.changes.getLast().value().equals(value)) {
				this.changes.add(new Change(System.nanoTime(), value));
			}
		}
	}

	public List<Change> changes() {
		synchronized (this.changes) {
			return List.copyOf(this.changes);
		}
	}

	/** The value read last, or {@code null} before the first read. */
	String current() {
		List<Change> changes = changes();
		return changes.isEmpty() ? null : changes.getLast().value();
	}

	/** Since when (nanoTime) the value has been what it is now. */
	long currentSince() {
		return changes().getLast().at();
	}

	/**
	 * The changes from {@code origin} on, e.g.
	 * {@code LIVE, unreachable at +0.4 s, LIVE at
	 * +21.3 s}: the value at the origin first.
	 */
	public String describe(long origin) {
		List<Change> changes = changes();
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			Change change = changes.get(i);
			boolean last = (i == changes.size() - 1);
			if (change.at() <= origin && !last && changes.get(i + 1).at() <= origin) {
				continue;
			}
			parts.add((change.at() <= origin) ? change.value()
					: String.format("%s at +%.1f s", change.value(), (change.at() - origin) / 1e9));
		}
		return parts.stream().collect(Collectors.joining(", "));
	}

	@Override
	public void close() {
		this.poller.shutdownNow();
	}

}
