package dev.onair.gateway.signal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.contract.signal.SignalToClient;
import dev.onair.contract.signal.SignalToMedia;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Times the signaling requests media-service always answers ({@code publish} →
 * {@code answer}, {@code watch} → {@code offer}, {@code quality} → {@code layer}, or an
 * {@code error} to any of them): from this gateway producing the request to handing the
 * reply to the session's socket: the round trip through Kafka plus media-service's Janus
 * calls for that request. Exported as {@code onair_signaling_latency_seconds{request}} (a
 * histogram). The Kafka trip alone, which the 30 ms p99 target is about, is measured by
 * {@code SignalingRoundTripBenchmark} (docs/benchmarks.md).
 */
@Component
class SignalLatency {

	private static final Set<String> ANSWERED = Set.of("publish", "watch", "quality");

	private static final Set<String> REPLIES = Set.of("answer", "offer", "layer", "error");

	/**
	 * Beyond this many waiting requests, ones older than {@link #ABANDONED} are dropped.
	 */
	private static final int MAX_WAITING = 10_000;

	/**
	 * A request unanswered this long (its session left, media-service was down) is not
	 * timed.
	 */
	private static final Duration ABANDONED = Duration.ofMinutes(1);

	private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	SignalLatency(MeterRegistry meters) {
		this.meters = meters;
	}

	void requested(SignalToMedia signal) {
		if (!ANSWERED.contains(signal.type())) {
			return;
		}
		if (this.waiting.size() > MAX_WAITING) {
			long oldest = System.nanoTime() - ABANDONED.toNanos();
			this.waiting.values().removeIf((request) -> request.startedNanos() < oldest);
		}
		this.waiting.put(signal.session(), new Waiting(signal.type(), signal.room(), System.nanoTime()));
	}

	void delivered(SignalToClient signal) {
		if (signal.session() == null || !REPLIES.contains(signal.type())) {
			return;
		}
		Waiting request = this.waiting.get(signal.session());
		if (request == null || !request.room().equals(signal.room())
				|| !this.waiting.remove(signal.session(), request)) {
			return;
		}
		timer(request.type()).record(Duration.ofNanos(System.nanoTime() - request.startedNanos()));
	}

	private Timer timer(String request) {
		return this.timers.computeIfAbsent(request,
				(type) -> Timer.builder("onair.signaling.latency")
					.description("Signaling request produced by this gateway -> media-service's reply delivered")
					.tag("request", type)
					.publishPercentileHistogram()
					.register(this.meters));
	}

	private record Waiting(String type, String room, long startedNanos) {
	}

}
