package dev.onair.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound for every integration test: a blocking call on a thread that others wait on
 * is recorded (and thrown in that thread), and {@link InfrastructureExtension} fails the
 * test class that caused it. Reactor's own integration already covers Reactor and Reactor
 * Netty threads ({@code NonBlocking}); this adds the threads of the libraries we drive:
 * <ul>
 * <li>{@code kafka-producer-network-thread}: it runs every send-completion callback, and
 * a {@code KafkaProducer.send} that waits there for metadata stalls every send of the
 * process (the gateway wedge). Its own wait for the network, {@code Selector.select}, is
 * what the thread is for and is allowed.</li>
 * <li>{@code lettuce-*EventLoop}: Redis replies complete on it; a blocking continuation
 * stalls every Redis command of the process.</li>
 * <li>threads a service names with one of {@link #SERVICE_PREFIXES} (Janus event and
 * keepalive threads): documented in each service as non-blocking.</li>
 * </ul>
 * Library-internal allowances are listed in {@code docs/development.md}.
 */
public final class NonBlockingThreads implements BlockHoundIntegration {

	/** Thread-name prefixes our services give to threads that must never block. */
	public static final Set<String> SERVICE_PREFIXES = Set.of("janus-events", "janus-keepalive");

	private static final List<String> detected = new ArrayList<>();

	private static boolean installed;

	/** Installs BlockHound once per JVM. */
	static synchronized void install() {
		if (!installed) {
			BlockHound.install();
			installed = true;
		}
	}

	/** Blocking calls seen since the last call, cleared. */
	static synchronized List<String> drain() {
		List<String> seen = List.copyOf(detected);
		detected.clear();
		return seen;
	}

	private static synchronized void record(String call) {
		detected.add(call);
	}

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.nonBlockingThreadPredicate((current) -> current.or(NonBlockingThreads::mustNotBlock));
		// The producer's network thread waiting for network I/O is its job.
		builder.allowBlockingCallsInside("org.apache.kafka.common.network.Selector", "select");
		// Kafka's own back-off while it cannot reach a coordinator for the idempotent
		// producer's id (a broker away): the sender thread pauses by design...
		builder.allowBlockingCallsInside("org.apache.kafka.clients.producer.internals.Sender",
				"maybeSendAndPollTransactionalRequest");
		builder.allowBlockingCallsInside("org.apache.kafka.clients.producer.internals.Sender",
				"maybeFindCoordinatorAndRetry");
		// ...but our send-completion callbacks, wherever Kafka fires them, must not
		// block.
		builder.disallowBlockingCallsInside("org.apache.kafka.clients.producer.internals.ProducerBatch",
				"completeFutureAndFireCallbacks");
		// The producer's buffer pool is guarded by a lock that a sending thread holds for
		// microseconds; the network thread returning a buffer may park on it.
		builder.allowBlockingCallsInside("org.apache.kafka.clients.producer.internals.BufferPool", "deallocate");
		builder.allowBlockingCallsInside("org.apache.kafka.clients.producer.internals.BufferPool", "queued");
		// R2DBC PostgreSQL's SCRAM login draws its nonce from SecureRandom on the event
		// loop
		// when the pool opens a connection.
		builder.allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce");
		// Cancelling a scheduled task (a closed connection's keepalive timer) takes the
		// executor queue's lock for a removal; Reactor's own integration allows only
		// offer and
		// take.
		builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove");
		// Jackson builds a type's deserializer once, under a lock another thread building
		// the
		// same one may briefly hold (seen: two WebClient responses decoded at once).
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// Netty loads the zstd native library once per JVM, on first use.
		builder.allowBlockingCallsInside("com.github.luben.zstd.util.Native", "load");
		// Spring Data Redis hands out its shared connection under a lock held for a field
		// read; opening that connection is a real wait and stays forbidden (services open
		// it
		// at start-up).
		builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"doInLock");
		builder.disallowBlockingCallsInside("io.lettuce.core.AbstractRedisClient", "getConnection");
		// Lettuce guards its command queue with a lock held for a few field updates; an
		// error
		// thrown from inside it (the park BlockHound sees under contention) corrupted the
		// lock
		// and hung the next shutdown forever.
		for (String method : new String[] { "incrementWriters", "decrementWriters", "lockWritersExclusive",
				"unlockWritersExclusive" }) {
			builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", method);
		}
		builder.blockingMethodCallback((method) -> {
			BlockingOperationError error = new BlockingOperationError(method);
			StringBuilder trace = new StringBuilder(
					method + " on thread " + Thread.currentThread().getName() + System.lineSeparator());
			for (StackTraceElement element : error.getStackTrace()) {
				trace.append("\tat ").append(element).append(System.lineSeparator());
			}
			record(trace.toString());
			throw error;
		});
	}

	private static boolean mustNotBlock(Thread thread) {
		String name = thread.getName();
		if (name.startsWith("kafka-producer-network-thread")) {
			return true;
		}
		if (name.startsWith("lettuce-") && name.contains("EventLoop")) {
			return true;
		}
		return SERVICE_PREFIXES.stream().anyMatch(name::startsWith);
	}

}
