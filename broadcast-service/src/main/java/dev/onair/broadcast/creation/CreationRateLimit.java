package dev.onair.broadcast.creation;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.onair.broadcast.problem.ApiProblem;
import dev.onair.contract.ClientAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address, in this instance's memory: {@code burst} creations
 * at once, one more every {@code refillEvery}. With n instances an address gets up to n
 * times the limit, which is still a limit; sharing buckets would cost a Redis round trip
 * on a path that otherwise needs only PostgreSQL.
 * <p>
 * Kept as the generic cell rate algorithm: per address one number, the time at which its
 * bucket is full again, so a bucket is one map entry and a full one can be forgotten.
 */
@Component
public class CreationRateLimit {

	private static final Logger log = LoggerFactory.getLogger(CreationRateLimit.class);

	/**
	 * Above this many addresses, the ones whose buckets are full again are forgotten (at
	 * most once a second). What stays is the addresses active within one burst's refill
	 * time: a few MB even for a spread attack.
	 */
	private static final int FORGET_ABOVE = 100_000;

	private final ClientAddresses addresses;

	private final long interval;

	private final long tolerance;

	/** Per address: when its bucket is full again (nanoTime). */
	private final Map<String, Long> fullAt = new ConcurrentHashMap<>();

	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

	CreationRateLimit(CreationLimitProperties properties) {
		this.addresses = new ClientAddresses(properties.edgeProxies());
		this.interval = properties.refillEvery().toNanos();
		this.tolerance = this.interval * properties.burst();
	}

	/** Takes one creation from the client's bucket, or refuses with 429. */
	public void take(ServerHttpRequest request) {
		InetAddress client = this.addresses.client(request.getRemoteAddress(),
				request.getHeaders().getValuesAsList("X-Forwarded-For"));
		String address = (client != null) ? ClientAddresses.key(client) : "unknown";
		long waitNanos = take(address, System.nanoTime());
		if (waitNanos > 0) {
			long seconds = Duration.ofNanos(waitNanos).toSeconds() + 1;
			// Debug: at info, the flood this refuses would become a flood of log lines.
			log.atDebug().addKeyValue("address", address).log("Broadcast creation rate-limited");
			ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many broadcasts",
					"Too many broadcasts created from this address; retry in " + seconds + " s.");
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			throw problem;
		}
	}

	/** 0 when taken, else how long until one is available. */
	long take(String address, long now) {
		long[] wait = new long[1];
		this.fullAt.compute(address, (key, full) -> {
			long from = (full == null || full - now < 0) ? now : full;
			long next = from + this.interval;
			if (next - now > this.tolerance) {
				wait[0] = next - now - this.tolerance;
				return full;
			}
			return next;
		});
		forgetFullBuckets(now);
		return wait[0];
	}

	private void forgetFullBuckets(long now) {
		long due = this.nextSweep.get();
		if (this.fullAt.size() > FORGET_ABOVE && now - due >= 0
				&& this.nextSweep.compareAndSet(due, now + Duration.ofSeconds(1).toNanos())) {
			this.fullAt.values().removeIf((full) -> full - now <= 0);
		}
	}

}
