package dev.onair.presence;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.onair.presence.membership.Membership;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops a presence-service instance while events stream in and starts another on the same
 * group and Redis database. The gateways do not heartbeat here, so nothing repairs a lost
 * or double-applied event: the counts are exact only if the restart lost nothing.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class InstanceRestartIT {

	private final String prefix = TestNames.uniqueId(InstanceRestartIT.class) + ".";

	private final int redisDatabase = ThreadLocalRandom.current().nextInt(1, 256);

	@Test
	void countsStayExactWhenAnInstanceIsStoppedMidStreamAndStartedAgain() throws Exception {
		String room = UUID.randomUUID().toString();
		String otherRoom = UUID.randomUUID().toString();
		ConfigurableApplicationContext first = startInstance();
		List<GatewaySimulator> gateways = List.of(new GatewaySimulator(this.prefix, "gw-a"),
				new GatewaySimulator(this.prefix, "gw-b"), new GatewaySimulator(this.prefix, "gw-c"));
		Set<String> expected = new HashSet<>();
		ConfigurableApplicationContext second = null;
		try (PublishedCounts published = new PublishedCounts(this.prefix)) {
			for (int i = 0; i < 3000; i++) {
				GatewaySimulator gateway = gateways.get(i % 3);
				gateway.join((i % 2 == 0) ? room : otherRoom, "s-" + i);
				if (i % 2 == 0) {
					expected.add("s-" + i);
				}
				if (i % 5 == 0 && i >= 3) {
					String leaving = "s-" + (i - 3);
					gateways.get((i - 3) % 3).leave(((i - 3) % 2 == 0) ? room : otherRoom, leaving);
					expected.remove(leaving);
				}
				if (i == 1000) {
					gateways.forEach(GatewaySimulator::flush);
					first.close();
				}
				if (i == 2000) {
					second = startInstance();
				}
			}
			gateways.forEach(GatewaySimulator::flush);
			Membership membership = second.getBean(Membership.class);
			await("room count exact after the restart").atMost(Duration.ofSeconds(30))
				.until(() -> membership.count(room).block().viewers() == expected.size());
			await("exact count published").atMost(Duration.ofSeconds(10))
				.until(() -> published.latestViewers(room) == expected.size());
			assertThat(published.latest(room).count().peak()).isGreaterThanOrEqualTo(expected.size());
		}
		finally {
			gateways.forEach(GatewaySimulator::close);
			if (second != null) {
				second.close();
			}
		}
	}

	private ConfigurableApplicationContext startInstance() {
		LocalStack stack = LocalStack.get();
		// Command-line arguments, not builder defaults: application.yml would override
		// those.
		SessionsConsumer sessions = new SessionsConsumer();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PresenceApplication.class)
			.listeners(sessions)
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + stack.kafkaBootstrapServers(),
					"--onair.kafka.prefix=" + this.prefix, "--spring.data.redis.host=" + stack.redisHost(),
					"--spring.data.redis.port=" + stack.redisPort(),
					"--spring.data.redis.database=" + this.redisDatabase);
		sessions.awaitAssignment(Duration.ofSeconds(60));
		return context;
	}

}
