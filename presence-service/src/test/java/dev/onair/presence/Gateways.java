package dev.onair.presence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.onair.testsupport.LocalStack;

/** A set of simulated gateways that heartbeat on a fixed period until closed. */
final class Gateways implements AutoCloseable {

	private final String bootstrapServers;

	private final String prefix;

	private final List<GatewaySimulator> gateways = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

	Gateways(String prefix, long heartbeatMillis) {
		this(LocalStack.get().kafkaBootstrapServers(), prefix, heartbeatMillis);
	}

	Gateways(String bootstrapServers, String prefix, long heartbeatMillis) {
		this.bootstrapServers = bootstrapServers;
		this.prefix = prefix;
		this.heartbeats.scheduleWithFixedDelay(() -> this.gateways.forEach(GatewaySimulator::heartbeat),
				heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
	}

	/** A new gateway that heartbeats from now on. */
	GatewaySimulator start(String id) {
		GatewaySimulator gateway = new GatewaySimulator(this.bootstrapServers, this.prefix, id);
		this.gateways.add(gateway);
		return gateway;
	}

	@Override
	public void close() throws InterruptedException {
		this.heartbeats.shutdown();
		this.heartbeats.awaitTermination(5, TimeUnit.SECONDS);
		this.gateways.forEach(GatewaySimulator::close);
	}

}
