package dev.onair.presence;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.onair.presence.membership.Membership;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealInfrastructure({ Needs.KAFKA, Needs.REDIS })
@SpringBootTest(properties = { "onair.presence.heartbeat.ttl=2s", "onair.presence.heartbeat.sweep-interval=200ms" })
@Import(SessionsConsumer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeartbeatExpiryIT {

	private static final Duration TTL = Duration.ofSeconds(2);

	@Value("${onair.kafka.prefix}")
	String prefix;

	@Autowired
	Membership membership;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	SessionsConsumer consumer;

	private Gateways gateways;

	private PublishedCounts published;

	@BeforeAll
	void start() {
		this.gateways = new Gateways(this.prefix, 500);
		this.published = new PublishedCounts(this.prefix);
		this.consumer.awaitAssignment(Duration.ofSeconds(30));
	}

	@AfterAll
	void stop() throws InterruptedException {
		this.gateways.close();
		this.published.close();
	}

	@Test
	@Order(1)
	void dropsExactlyTheSessionsOfAGatewayThatStopsHeartbeatingWithinTtl() {
		String room = UUID.randomUUID().toString();
		List<GatewaySimulator> three = List.of(this.gateways.start("gw-a"), this.gateways.start("gw-b"),
				this.gateways.start("gw-c"));
		Set<String> survivors = new HashSet<>();
		for (int i = 0; i < 120; i++) {
			GatewaySimulator gateway = three.get(i % 3);
			gateway.join(room, "s-" + i);
			if (gateway != three.get(1)) {
				survivors.add("s-" + i);
			}
		}
		three.forEach(GatewaySimulator::flush);
		await("all 120 counted").atMost(Duration.ofSeconds(10)).until(() -> this.published.latestViewers(room) == 120);

		three.get(1).silence();
		long silenced = System.nanoTime();
		await("gw-b's 40 sessions expire, latest count " + this.published.latestViewers(room))
			.atMost(TTL.plusSeconds(2))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.published.latestViewers(room) == 80);
		System.out.printf("gw-b's sessions gone %d ms after its heartbeats stopped (TTL %d ms)%n",
				Duration.ofNanos(System.nanoTime() - silenced).toMillis(), TTL.toMillis());
		assertThat(this.redis.opsForSet().members("presence:{" + room + "}:viewers").collectList().block())
			.containsExactlyInAnyOrderElementsOf(survivors);
	}

	@Test
	@Order(2)
	void rebuildsCountsFromHeartbeatsAfterRedisIsFlushed() {
		String room = UUID.randomUUID().toString();
		GatewaySimulator d = this.gateways.start("gw-d");
		GatewaySimulator e = this.gateways.start("gw-e");
		for (int i = 0; i < 50; i++) {
			(i % 2 == 0 ? d : e).join(room, "s-" + i);
		}
		d.flush();
		e.flush();
		await("all 50 counted").atMost(Duration.ofSeconds(10)).until(() -> this.published.latestViewers(room) == 50);

		// Paused while flushing, so no heartbeat is applied between the flush and the
		// check.
		MessageListenerContainer sessions = this.consumer.container();
		sessions.pause();
		await("session events paused").atMost(Duration.ofSeconds(10)).until(sessions::isContainerPaused);
		this.redis.execute((connection) -> connection.serverCommands().flushDb()).blockLast();
		assertThat(viewers(room)).isZero();
		sessions.resume();
		await("the count is rebuilt from heartbeats within one TTL").atMost(TTL)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> viewers(room) == 50);
		await("the rebuilt count is published").atMost(Duration.ofSeconds(2))
			.until(() -> this.published.latestViewers(room) == 50);
	}

	private long viewers(String room) {
		return this.membership.count(room).block().viewers();
	}

}
