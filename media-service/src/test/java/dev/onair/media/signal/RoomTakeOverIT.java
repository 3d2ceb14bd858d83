package dev.onair.media.signal;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import dev.onair.contract.media.PublisherState;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.media.MediaKeys;
import dev.onair.media.rooms.Room;
import dev.onair.media.rooms.Rooms;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.onair.media.signal.KafkaClients.publish;
import static dev.onair.media.signal.KafkaClients.watch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room in Redis whose Janus session is gone (Janus destroyed it while no instance kept
 * it alive) cannot be taken over. Its publisher is gone with it, so broadcast-service
 * must hear {@code DISCONNECTED} and the room's clients {@code media.node-down}; a room
 * forgotten silently kept its broadcast LIVE with nobody publishing (issue 15). One that
 * can be taken over tells broadcast-service whether its publisher is live as Janus has
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure({ Needs.KAFKA, Needs.REDIS, Needs.JANUS })
class RoomTakeOverIT {

	private static final Duration SOON = Duration.ofSeconds(10);

	@Autowired
	private Rooms rooms;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void janus(DynamicPropertyRegistry registry) {
		registry.add("onair.janus.ws-urls", () -> LocalStack.get().janusWebSocketUrl(1).toString());
		registry.add("onair.janus.api-secrets", () -> LocalStack.get().janusApiSecret());
		registry.add("onair.janus.admin-keys", () -> LocalStack.get().janusAdminKey());
		registry.add("onair.janus.trusted-certificates", () -> LocalStack.get().janusTrustedCertificates());
	}

	@Test
	void aRoomWhoseJanusSessionIsGoneEndsItsPublicationInsteadOfVanishing(
			@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Value("${onair.kafka.prefix}") String prefix)
			throws Exception {
		try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
			String room = UUID.randomUUID().toString();
			// As after an instance died: the room is only in Redis, and its Janus session
			// is one Janus no longer has.
			Room stored = publishedAndHandedOver(kafka, room);
			store(new Room(stored.id(), stored.node(), stored.janusSession() + 1_000_003, stored.handle(),
					stored.publisher(), stored.feed(), stored.layers(), stored.live(), stored.tracks()));

			kafka.send(watch(room, "s-viewer", "480p"));

			SignalToClient.ErrorMessage error = kafka.await(room, "s-viewer", SignalToClient.ErrorMessage.class,
					(m) -> "media.node-down".equals(m.code()), SOON);
			assertThat(error.session()).as("the whole room is told").isNull();
			awaitPublisherDisconnected(kafka, room);
			assertThat(this.redis.hasKey(MediaKeys.room(room))).as("the room's record is gone").isFalse();
		}
	}

	@Test
	void aRoomTakenOverTellsThePublishersStateAsJanusHasItNotAsTheDeadInstanceLastHeard(
			@Value("${spring.kafka.bootstrap-servers}") String bootstrap, @Value("${onair.kafka.prefix}") String prefix)
			throws Exception {
		try (KafkaClients kafka = new KafkaClients(bootstrap, prefix)) {
			String room = UUID.randomUUID().toString();
			// The instance that died last heard the publisher live; the hangup after it
			// went to that instance. (The test's offer never connects: Janus does not
			// list it as publishing.)
			Room stored = publishedAndHandedOver(kafka, room);
			store(new Room(stored.id(), stored.node(), stored.janusSession(), stored.handle(), stored.publisher(),
					stored.feed(), stored.layers(), true, stored.tracks()));

			kafka.send(watch(room, "s-viewer", "480p"));

			awaitPublisherDisconnected(kafka, room);
			Awaitility.await("the room kept, its publisher not live").atMost(SOON).until(() -> !stored(room).live());
		}
	}

	/** Publishes in a new room and hands it over: the room is only in Redis. */
	private Room publishedAndHandedOver(KafkaClients kafka, String room) throws IOException {
		kafka.send(publish(room, "s-pub", "publisher", PublishSignalingIT.offer()));
		kafka.await(room, "s-pub", SignalToClient.Answer.class, SOON);
		this.rooms.handOver(room);
		return stored(room);
	}

	private Room stored(String room) {
		return this.json.readValue(this.redis.opsForValue().get(MediaKeys.room(room)), Room.class);
	}

	private void store(Room room) {
		this.redis.opsForValue().set(MediaKeys.room(room.id()), this.json.writeValueAsString(room));
	}

	private static void awaitPublisherDisconnected(KafkaClients kafka, String room) {
		Awaitility.await("DISCONNECTED for the room's publisher")
			.atMost(SOON)
			.until(() -> kafka.publisherEvents()
				.stream()
				.anyMatch((event) -> event.room().equals(room) && event.state() == PublisherState.DISCONNECTED
						&& "s-pub".equals(event.session())));
	}

}
