package dev.onair.presence;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.presence.membership.Membership;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.PrivateKafkaBroker;
import dev.onair.testsupport.RealInfrastructure;
import dev.onair.testsupport.TestNames;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Kafka away for everyone is no gateway's death: the gateways' heartbeats cannot get
 * through, but their viewers still watch, so the counts hold while it is away and after
 * it is back; a gateway that really stopped loses its sessions once Kafka has been back
 * for a lease. presence-service has a Kafka broker of its own here, so stopping it
 * disturbs no other test.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
class KafkaOutageIT {

	/**
	 * Longer than presence takes to notice Kafka is gone (a probe a second, each given 2
	 * s): the broker answers while it shuts down, and the gateways' leases must not run
	 * out before then. The default is 15 s.
	 */
	private static final Duration TTL = Duration.ofSeconds(6);

	@Test
	void countsHoldWhileKafkaIsAwayAndSilentGatewaysExpireOnceItIsBack() throws Exception {
		String prefix = TestNames.uniqueId(KafkaOutageIT.class) + ".";
		String room = UUID.randomUUID().toString();
		try (PrivateKafkaBroker kafka = PrivateKafkaBroker.launch();
				ConfigurableApplicationContext presence = start(kafka, prefix);
				Gateways gateways = new Gateways(kafka.bootstrapServers(), prefix, 500)) {
			Membership membership = presence.getBean(Membership.class);
			GatewaySimulator staying = gateways.start("gw-staying");
			GatewaySimulator dying = gateways.start("gw-dying");
			staying.join(room, "s-1");
			staying.join(room, "s-2");
			dying.join(room, "s-3");
			staying.flush();
			dying.flush();
			await("all three counted").atMost(Duration.ofSeconds(30))
				.until(() -> membership.count(room).block().viewers() == 3);

			kafka.stop();
			await("the count holds while Kafka is away, two leases long").during(TTL.multipliedBy(2))
				.atMost(TTL.multipliedBy(3))
				.until(() -> membership.count(room).block().viewers() == 3);

			kafka.start();
			dying.silence();
			// Kafka's return, then a lease for the survivors' heartbeats: only then does
			// the silent gateway's lease count.
			await("the silent gateway's session expires after Kafka is back").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> membership.count(room).block().viewers() == 2);
			await("the heartbeating gateway's sessions stay").during(TTL)
				.atMost(TTL.multipliedBy(2))
				.until(() -> membership.count(room).block().viewers() == 2);
		}
	}

	private static ConfigurableApplicationContext start(PrivateKafkaBroker kafka, String prefix) {
		LocalStack stack = LocalStack.get();
		SessionsConsumer sessions = new SessionsConsumer();
		// Command-line arguments, not builder defaults: application.yml would override
		// those. The binder's brokers too: Boot's connection details do not reach its
		// consumers.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PresenceApplication.class)
			.listeners(sessions)
			.run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
					"--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
					"--onair.kafka.prefix=" + prefix, "--spring.data.redis.host=" + stack.redisHost(),
					"--spring.data.redis.port=" + stack.redisPort(),
					"--spring.data.redis.database=" + ThreadLocalRandom.current().nextInt(1, 256),
					"--onair.presence.heartbeat.ttl=" + TTL.toMillis() + "ms",
					"--onair.presence.heartbeat.sweep-interval=200ms");
		sessions.awaitAssignment(Duration.ofSeconds(60));
		return context;
	}

}
