package dev.onair.gateway;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.onair.contract.OwnerTokens;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Chat fan-out latency with 1,000 sessions in one room, split over two gateway instances
 * in this JVM (500 each). The owner on A sends 200 messages at 20 per second; each
 * carries its send time, and every receiving session records receive time minus send time
 * (one clock, one JVM). The path measured is client → gateway A → Redis history + Kafka
 * {@code chat.messages} → both instances' fan-out consumers → 1,000 WebSockets. Run with
 * {@code ./onair bench signaling-gateway ChatFanOutBenchmark}.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class ChatFanOutBenchmark {

	private static final int SESSIONS = 1000;

	private static final int MESSAGES = 200;

	private static final long INTERVAL_NANOS = Duration.ofMillis(50).toNanos();

	private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

	private final AtomicInteger ready = new AtomicInteger();

	@Test
	void chatFanOutTo1000Sessions() {
		String prefix = TestNames.uniqueId(ChatFanOutBenchmark.class) + ".";
		Map<String, Object> deployment = GatewayInstance.deployment(prefix,
				ThreadLocalRandom.current().nextInt(1, 256));
		Map<String, Object> overrides = Map.of("onair.gateway.chat.messages", "100000");
		HttpClient http = HttpClient.newHttpClient();
		List<WebSocket> sockets = new ArrayList<>();
		try (GatewayInstance a = GatewayInstance.start("gw-a", deployment, overrides);
				GatewayInstance b = GatewayInstance.start("gw-b", deployment, overrides)) {
			// After the instances started: they create broadcast.state (the broker does
			// not).
			String room = Broadcast.open(prefix);
			long connectStart = System.nanoTime();
			for (int i = 0; i < SESSIONS; i++) {
				GatewayInstance target = (i % 2 == 0) ? a : b;
				WebSocket socket = http.newWebSocketBuilder()
					.header("Origin", GatewayInstance.ORIGIN)
					.buildAsync(target.ws(), new Receiver())
					.join();
				socket.sendText("{\"type\":\"hello\",\"v\":1}", true).join();
				socket.sendText("{\"type\":\"join\",\"room\":\"" + room + "\",\"role\":\"viewer\"}", true).join();
				sockets.add(socket);
			}
			Awaitility.await("all sessions joined")
				.atMost(Duration.ofMinutes(2))
				.until(() -> this.ready.get() == SESSIONS);
			System.out.printf("connected and joined %d sessions in %d ms%n", SESSIONS,
					Duration.ofNanos(System.nanoTime() - connectStart).toMillis());

			String token = new OwnerTokens(List.of(LocalStack.get().ownerTokenKey())).mint(room, 1,
					Instant.now().plus(Duration.ofHours(1)));
			try (WsClient owner = WsClient.session(a, "bench-owner")) {
				owner.send(Map.of("type", "join", "room", room, "role", "publisher", "ownerToken", token));
				owner.next("joined");
				long next = System.nanoTime();
				for (int i = 0; i < MESSAGES; i++) {
					LockSupport.parkNanos(next - System.nanoTime());
					owner.send(Map.of("type", "chat.send", "room", room, "text", "bench " + System.nanoTime()));
					next += INTERVAL_NANOS;
				}
				Awaitility.await("every message delivered to every session")
					.atMost(Duration.ofMinutes(1))
					.until(() -> this.latencies.size() >= SESSIONS * MESSAGES);
			}
			report();
			sockets.forEach(WebSocket::abort);
		}
	}

	private void report() {
		long[] sorted = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("chat fan-out: %d deliveries (%d messages x %d sessions)%n", sorted.length, MESSAGES,
				SESSIONS);
		System.out.printf("latency ms: p50=%.1f p90=%.1f p99=%.1f max=%.1f mean=%.1f%n", percentile(sorted, 50),
				percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6,
				Arrays.stream(sorted).average().orElse(0) / 1e6);
	}

	private static double percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

	/** Records latencies of bench messages; counts the session ready when it joined. */
	private final class Receiver implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long now = System.nanoTime();
			this.partial.append(data);
			if (last) {
				String frame = this.partial.toString();
				this.partial.setLength(0);
				int at = frame.indexOf("\"text\":\"bench ");
				if (at >= 0) {
					int start = at + "\"text\":\"bench ".length();
					long sent = Long.parseLong(frame.substring(start, frame.indexOf('"', start)));
					ChatFanOutBenchmark.this.latencies.add(now - sent);
				}
				else if (frame.contains("\"type\":\"joined\"")) {
					ChatFanOutBenchmark.this.ready.incrementAndGet();
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
