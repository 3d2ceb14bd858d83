package dev.onair.gateway.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.contract.signal.IceCandidate;
import dev.onair.contract.signal.SignalToClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Replies of media-service for sessions that have no WebSocket, only an HTTP request
 * waiting for them (WHIP, WHEP): every instance reads all of {@code signal.to-clients},
 * and the one holding the request takes its session's replies here instead of looking for
 * a connection; a WHEP subscription keeps taking them while it lasts. Janus trickles its
 * candidates (full trickle) and they may arrive before the answer they belong to, so they
 * are collected from the moment the request is registered, which is before its signal is
 * sent.
 */
@Component
public class AwaitedReplies {

	private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();

	/**
	 * Collects {@code session}'s replies from now until {@link Awaited#close}; register
	 * before sending the signal they answer.
	 */
	public Awaited await(String session) {
		Awaited replies = new Awaited(session);
		this.awaited.put(session, replies);
		return replies;
	}

	/** Whether a request here waits for this reply (then it took it). */
	boolean offer(SignalToClient signal) {
		Awaited replies = (signal.session() != null) ? this.awaited.get(signal.session()) : null;
		if (replies == null) {
			return false;
		}
		replies.take(signal);
		return true;
	}

	/**
	 * What media-service answered a session: an SDP ({@code answer} or {@code offer}) or
	 * a refusal ({@code error}: code and message).
	 */
	public record Reply(String sdp, String code, String message) {

	}

	/** The replies one session's request waits for. */
	public final class Awaited {

		private final String session;

		private final Sinks.One<Reply> reply = Sinks.one();

		private final Sinks.Empty<Void> candidatesDone = Sinks.empty();

		private final Sinks.One<Reply> dropped = Sinks.one();

		private final List<IceCandidate> candidates = new ArrayList<>();

		private Awaited(String session) {
			this.session = session;
		}

		private synchronized void take(SignalToClient signal) {
			switch (signal) {
				case SignalToClient.Answer answer -> this.reply.tryEmitValue(new Reply(answer.sdp(), null, null));
				case SignalToClient.Offer offer -> this.reply.tryEmitValue(new Reply(offer.sdp(), null, null));
				case SignalToClient.ErrorMessage error -> {
					Reply refusal = new Reply(null, error.code(), error.message());
					if (this.reply.tryEmitValue(refusal).isFailure()) {
						this.dropped.tryEmitValue(refusal);
					}
				}
				case SignalToClient.Ice ice -> {
					if (ice.candidate() == null) {
						this.candidatesDone.tryEmitEmpty();
					}
					else {
						this.candidates.add(ice.candidate());
					}
				}
				// Nothing an HTTP client is told.
				case SignalToClient.Layer layer -> {
				}
				case SignalToClient.Ended ended -> {
				}
			}
		}

		/**
		 * The first SDP or refusal; continues on {@code parallel}, not on the Kafka
		 * listener's thread that delivered it.
		 */
		public Mono<Reply> reply() {
			return this.reply.asMono().publishOn(Schedulers.parallel());
		}

		/**
		 * A refusal after the first reply: media-service dropped the session's media (its
		 * player hung up, its node went down, the publisher started over). Continues on
		 * {@code parallel}.
		 */
		public Mono<Reply> dropped() {
			return this.dropped.asMono().publishOn(Schedulers.parallel());
		}

		/** Completes when Janus said it has no more candidates. */
		public Mono<Void> candidatesDone() {
			return this.candidatesDone.asMono().publishOn(Schedulers.parallel());
		}

		/** Janus's candidates so far. */
		public synchronized List<IceCandidate> candidates() {
			return List.copyOf(this.candidates);
		}

		/** Stops collecting: later replies for the session go where others go. */
		public void close() {
			AwaitedReplies.this.awaited.remove(this.session, this);
		}

	}

}
