package dev.onair.gateway.moderation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.onair.contract.Topics;
import dev.onair.contract.ws.ChatBanned;
import dev.onair.contract.ws.ChatTimedOut;
import dev.onair.contract.ws.ChatUnbanned;
import dev.onair.contract.ws.ServerMessage;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

/**
 * Every room's timeouts and bans, from the compacted {@code moderation.sanctions} read
 * from the beginning by each instance, so they hold on every instance, after a restart
 * and after Redis lost its data. The instance is ready once it has read the topic to its
 * end. A sanction that arrives tells the room's sessions here, and a ban takes the user's
 * session here out of the room ({@link UserBanned}). A spring-kafka listener, not a
 * binding: docs/development.md, "Departures", says why.
 */
@Component("sanctionsHealthIndicator")
public class Sanctions implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(Sanctions.class);

	private static final String LISTENER = "gateway-moderation-sanctions";

	private final Sessions sessions;

	private final Frames frames;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock = Clock.systemUTC();

	/** Room → user → sanction. */
	private final Map<String, Map<String, Sanction>> byRoom = new ConcurrentHashMap<>();

	private volatile boolean caughtUp;

	Sanctions(Sessions sessions, Frames frames, JsonMapper json, ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.frames = frames;
		this.json = json;
		this.events = events;
	}

	/** Refuses a user the owner banned from the room ({@code room.banned}). */
	public void requireMayJoin(String room, String user) {
		Sanction sanction = inForce(room, user);
		if (sanction != null && sanction.banned()) {
			throw banned(room);
		}
	}

	/**
	 * Refuses a banned user ({@code room.banned}) and a timed-out one
	 * ({@code chat.timed-out} with the time left).
	 */
	public void requireMayChat(String room, String user) {
		Sanction sanction = inForce(room, user);
		if (sanction == null) {
			return;
		}
		if (sanction.banned()) {
			throw banned(room);
		}
		long left = Duration.between(this.clock.instant(), sanction.until()).toMillis();
		throw new Refusal("chat.timed-out", "The streamer timed you out; retry in " + left + " ms", left);
	}

	private static Refusal banned(String room) {
		return new Refusal("room.banned", "The streamer banned you from broadcast " + room);
	}

	private Sanction inForce(String room, String user) {
		Map<String, Sanction> users = this.byRoom.get(room);
		Sanction sanction = (users != null) ? users.get(user) : null;
		return (sanction != null && sanction.inForceAt(this.clock.instant())) ? sanction : null;
	}

	/** How many sanctions the room keeps, expired timeouts included. */
	int count(String room) {
		Map<String, Sanction> users = this.byRoom.get(room);
		return (users != null) ? users.size() : 0;
	}

	boolean holds(String room, String user) {
		Map<String, Sanction> users = this.byRoom.get(room);
		return users != null && users.containsKey(user);
	}

	/**
	 * Kafka acknowledged {@code sanction}: it holds here at once, before this instance's
	 * consumer reads it back, so the owner's next frame already sees it.
	 */
	void applied(Sanction sanction) {
		this.byRoom.computeIfAbsent(sanction.room(), (room) -> new ConcurrentHashMap<>())
			.put(sanction.user(), sanction);
	}

	void lifted(String room, String user) {
		this.byRoom.computeIfPresent(room, (key, users) -> {
			users.remove(user);
			return users.isEmpty() ? null : users;
		});
	}

	@KafkaListener(id = LISTENER, groupId = "${onair.kafka.instance-groups}-sanctions",
			topicPartitions = @TopicPartition(topic = "${onair.kafka.topics[" + Topics.MODERATION_SANCTIONS + "]}",
					partitions = "0-#{T(dev.onair.contract.Topics).spec('" + Topics.MODERATION_SANCTIONS
							+ "').partitions() - 1}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void onSanction(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null) {
			String key = new String(record.key(), StandardCharsets.UTF_8);
			String[] roomAndUser = key.split("/", 2);
			if (roomAndUser.length != 2) {
				throw new IllegalArgumentException("A sanction's key is <room>/<user>: " + key);
			}
			lifted(roomAndUser[0], roomAndUser[1]);
			tellRoom(roomAndUser[0], new ChatUnbanned(roomAndUser[0], roomAndUser[1]));
			return;
		}
		Sanction sanction = this.json.readValue(record.value(), Sanction.class);
		if (sanction.room() == null || sanction.user() == null
				|| !(sanction.banned() || Sanction.TIMEOUT.equals(sanction.kind()) && sanction.until() != null)) {
			throw new IllegalArgumentException("A sanction needs room, user and a ban or a timeout with its end: "
					+ new String(record.value(), StandardCharsets.UTF_8));
		}
		if (!sanction.inForceAt(this.clock.instant())) {
			// A timeout that is over refuses nothing: not kept, so memory holds only what
			// is in force (or a later timeout replaces).
			lifted(sanction.room(), sanction.user());
			return;
		}
		applied(sanction);
		if (sanction.banned()) {
			tellRoom(sanction.room(), new ChatBanned(sanction.room(), sanction.user()));
			this.events.publishEvent(new UserBanned(sanction.room(), sanction.user()));
		}
		else {
			tellRoom(sanction.room(), new ChatTimedOut(sanction.room(), sanction.user(), sanction.until()));
		}
	}

	private void tellRoom(String room, ServerMessage message) {
		byte[] frame = this.frames.write(message);
		this.sessions.inRoom(room).forEach((session) -> session.send(frame));
	}

	@EventListener(condition = "event.listenerId.startsWith('" + LISTENER + "')")
	void onIdle(ListenerContainerIdleEvent event) {
		if (!this.caughtUp) {
			this.caughtUp = true;
			log.info("Read moderation.sanctions to its end: {} rooms with sanctions", this.byRoom.size());
		}
	}

	@Override
	public Health health() {
		return this.caughtUp ? Health.up().withDetail("rooms", this.byRoom.size()).build()
				: Health.outOfService().withDetail("reading", "moderation.sanctions").build();
	}

}
