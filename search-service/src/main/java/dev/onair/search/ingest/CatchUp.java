package dev.onair.search.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

import dev.onair.contract.Topics;
import dev.onair.search.index.BroadcastIndex;

/**
 * Holds readiness off until this replica's index has caught up with both topics. Just
 * before the listeners start it records every partition's end offset; a partition is
 * caught up once a processed record or the idle consumer's position reaches that offset
 * (the position also covers compaction gaps and transaction markers at the end).
 * <p>
 * Boot declares readiness when the application has started; if the index is still behind
 * then, this flips it back to refusing until the last partition catches up.
 */
@Component
public class CatchUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

	private final KafkaAdmin kafkaAdmin;

	private final ApplicationEventPublisher events;

	private final BroadcastIndex index;

	private final String prefix;

	private final MeterRegistry meters;

	private final Map<TopicPartition, Long> pending = new HashMap<>();

	private volatile boolean caughtUp;

	private boolean applicationReady;

	private boolean running;

	private long startedNanos;

	CatchUp(KafkaAdmin kafkaAdmin, ApplicationEventPublisher events, BroadcastIndex index,
			@Value("${onair.kafka.prefix:}") String prefix, MeterRegistry meters) {
		this.meters = meters;
		this.kafkaAdmin = kafkaAdmin;
		this.events = events;
		this.index = index;
		this.prefix = prefix;
	}

	public boolean isCaughtUp() {
		return this.caughtUp;
	}

	@Override
	public synchronized void start() {
		this.startedNanos = System.nanoTime();
		endOffsets().forEach((partition, end) -> {
			if (end > 0) {
				this.pending.put(partition, end);
			}
		});
		this.running = true;
		log.info("Catching up with {} non-empty partitions", this.pending.size());
		if (this.pending.isEmpty()) {
			finish();
		}
	}

	/**
	 * Starts before the bindings' consumers (Spring Cloud Stream's
	 * {@code InputBindingLifecycle}, phase {@code Integer.MAX_VALUE - 3000}), so the
	 * targets precede any record.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 3001;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	void reached(String topic, int partition, long nextOffset) {
		if (this.caughtUp) {
			return;
		}
		reached(new TopicPartition(topic, partition), nextOffset);
	}

	private synchronized void reached(TopicPartition partition, long nextOffset) {
		Long target = this.pending.get(partition);
		if (target != null && nextOffset >= target) {
			this.pending.remove(partition);
			if (this.pending.isEmpty()) {
				finish();
			}
		}
	}

	/** Runs on the idle consumer's own thread, where asking for its position is safe. */
	@EventListener
	void onIdle(ListenerContainerIdleEvent event) {
		if (this.caughtUp) {
			return;
		}
		Consumer<?, ?> consumer = event.getConsumer();
		for (TopicPartition partition : event.getTopicPartitions()) {
			reached(partition, consumer.position(partition));
		}
	}

	@EventListener
	synchronized void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			this.applicationReady = true;
			if (!this.caughtUp) {
				AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
			}
		}
	}

	private void finish() {
		this.index.refreshNow();
		this.caughtUp = true;
		Duration took = Duration.ofNanos(System.nanoTime() - this.startedNanos);
		Timer.builder("search.index.catchup")
			.description("Time from start-up until the index caught up with the end offsets seen at start-up")
			.register(this.meters)
			.record(took);
		log.info("Caught up: {} broadcasts indexed in {} ms", this.index.size(), took.toMillis());
		if (this.applicationReady) {
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	/**
	 * The end offsets at start-up. A topic the broker does not know has nothing to catch
	 * up with: on a fresh cluster the bindings create it when they start, after this.
	 */
	private Map<TopicPartition, Long> endOffsets() {
		Map<TopicPartition, OffsetSpec> request = Stream.of(Topics.BROADCAST_STATE, Topics.PRESENCE_VIEWER_COUNTS)
			.flatMap((topic) -> IntStream.range(0, Topics.spec(topic).partitions())
				.mapToObj((partition) -> new TopicPartition(this.prefix + topic, partition)))
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			ListOffsetsResult offsets = admin.listOffsets(request);
			for (TopicPartition partition : request.keySet()) {
				try {
					ends.put(partition, offsets.partitionResult(partition).get().offset());
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
						throw new IllegalStateException("Cannot read the end offsets to catch up with", ex);
					}
				}
			}
			return ends;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading end offsets", ex);
		}
	}

}
