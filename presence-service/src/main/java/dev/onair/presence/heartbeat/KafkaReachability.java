package dev.onair.presence.heartbeat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether this instance has reached Kafka without a break for a while. While Kafka is
 * away the gateways' heartbeats cannot get through either, so every lease runs out at
 * once: that is no gateway's death, and expiring them counted every room 0 until Kafka
 * was back and the next heartbeats had arrived (drill kafka-restart). Probed every second
 * on the admin client's own thread; nobody waits for an answer.
 */
@Component
class KafkaReachability implements DisposableBean {

	/** Longer than a loaded machine takes to answer, shorter than a heartbeat TTL. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final Admin admin;

	/**
	 * {@code System.nanoTime()} since which every probe succeeded; {@code null} after a
	 * failed one. Counted from start-up: a new instance has not seen Kafka fail.
	 */
	private final AtomicReference<Long> reachableSince = new AtomicReference<>(System.nanoTime());

	KafkaReachability(KafkaAdmin kafka) {
		this.admin = Admin.create(kafka.getConfigurationProperties());
	}

	@Scheduled(fixedDelay = 1000)
	void probe() {
		this.admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
			.clusterId()
			.whenComplete((cluster, failure) -> {
				if (failure != null) {
					this.reachableSince.set(null);
				}
				else {
					this.reachableSince.compareAndSet(null, System.nanoTime());
				}
			});
	}

	/** Whether every probe of the last {@code time} reached Kafka. */
	boolean reachableForAtLeast(Duration time) {
		Long since = this.reachableSince.get();
		return since != null && System.nanoTime() - since >= time.toNanos();
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(1));
	}

}
