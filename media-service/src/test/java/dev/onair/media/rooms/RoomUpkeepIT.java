package dev.onair.media.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.onair.contract.signal.SignalToClient;
import dev.onair.media.signal.KafkaClients;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.TaskExecutionOutcome;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.onair.media.signal.KafkaClients.publish;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Janus session keepalives share their thread with nothing that waits: while Spring's
 * default scheduler, where the auto-quality step-up runs, is stuck, keepalives of a live
 * room go on. Their thread is one BlockHound watches, so a keepalive that waited there
 * would fail the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "onair.janus.session-keepalive=500ms")
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.JANUS })
class RoomUpkeepIT {

	@Autowired
	private ScheduledTaskHolder scheduled;

	@DynamicPropertySource
	static void janus(DynamicPropertyRegistry registry) {
		registry.add("onair.janus.ws-urls", () -> LocalStack.get().janusWebSocketUrl(1).toString());
		registry.add("onair.janus.api-secrets", () -> LocalStack.get().janusApiSecret());
		registry.add("onair.janus.admin-keys", () -> LocalStack.get().janusAdminKey());
		registry.add("onair.janus.trusted-certificates", () -> LocalStack.get().janusTrustedCertificates());
	}

	@Test
	void keepalivesGoOnWhileTheDefaultSchedulerIsStuck(
			@Autowired @Qualifier("taskScheduler") ThreadPoolTaskScheduler defaultScheduler,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Value("${onair.kafka.prefix}") String prefix)
			throws Exception {
		try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
			String room = UUID.randomUUID().toString();
			kafka.send(publish(room, "s-pub", "publisher", PublisherOfferTests.offer()));
			kafka.await(room, "s-pub", SignalToClient.Answer.class, Duration.ofSeconds(15));

			CountDownLatch stuck = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			defaultScheduler.submit(() -> {
				stuck.countDown();
				return release.await(1, TimeUnit.MINUTES);
			});
			try {
				assertThat(stuck.await(10, TimeUnit.SECONDS)).as("the default scheduler took the stuck task").isTrue();
				Instant since = Instant.now();
				// Longer than the step-up's 2 s period: had it its own thread too, it
				// would have run meanwhile.
				Instant later = since.plusMillis(2500);
				Awaitility.await("keepalive passes while the default scheduler is stuck")
					.atMost(Duration.ofSeconds(10))
					.until(() -> lastStart(RoomUpkeep.class.getName() + ".keepalive").isAfter(later));
				assertThat(lastStart("dev.onair.media.viewers.AutoQuality.stepUp"))
					.as("the step-up waits for the stuck scheduler")
					.isBefore(since);
			}
			finally {
				release.countDown();
			}
		}
	}

	/** When the {@code @Scheduled} method (class name + "." + method) last started. */
	private Instant lastStart(String method) {
		TaskExecutionOutcome outcome = this.scheduled.getScheduledTasks()
			.stream()
			.map((task) -> task.getTask())
			.filter((task) -> task.toString().equals(method))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No scheduled method " + method))
			.getLastExecutionOutcome();
		return (outcome.executionTime() != null) ? outcome.executionTime() : Instant.MIN;
	}

}
