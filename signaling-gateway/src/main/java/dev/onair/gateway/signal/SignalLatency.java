package dev.onair.gateway.signal;

import java.time.Duration;
import java.util.Map;
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
		String type = answered(signal);
		if (type == null) {
			return;
		}
		if (this.waiting.size() > MAX_WAITING) {
			long oldest = System.nanoTime() - ABANDONED.toNanos();
			this.waiting.values().removeIf((request) -> request.startedNanos() < oldest);
		}
		this.waiting.put(signal.session(), new Waiting(type, signal.room(), System.nanoTime()));
	}

	void delivered(SignalToClient signal) {
		if (signal.session() == null || !isReply(signal)) {
			return;
		}
		Waiting request = this.waiting.get(signal.session());
		if (request == null || !request.room().equals(signal.room())
				|| !this.waiting.remove(signal.session(), request)) {
			return;
		}
		timer(request.type()).record(Duration.ofNanos(System.nanoTime() - request.startedNanos()));
	}

	/**
	 * The request's name (the timer's tag) if media-service always answers it, else
	 * {@code null}.
	 */
	private static String answered(SignalToMedia signal) {
		return switch (signal) {
			case SignalToMedia.Publish publish -> "publish";
			case SignalToMedia.Watch watch -> "watch";
			case SignalToMedia.Quality quality -> "quality";
			case SignalToMedia.Answer answer -> null;
			case SignalToMedia.Ice ice -> null;
			case SignalToMedia.Unpublish unpublish -> null;
			case SignalToMedia.Unwatch unwatch -> null;
			case SignalToMedia.Left left -> null;
			case SignalToMedia.Move move -> null;
		};
	}

	/** Whether it answers a request: candidates trickle, and an end is the room's. */
	private static boolean isReply(SignalToClient signal) {
		return switch (signal) {
			case SignalToClient.Answer answer -> true;
			case SignalToClient.Offer offer -> true;
			case SignalToClient.Layer layer -> true;
			case SignalToClient.ErrorMessage error -> true;
			case SignalToClient.Ice ice -> false;
			case SignalToClient.Ended ended -> false;
		};
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
