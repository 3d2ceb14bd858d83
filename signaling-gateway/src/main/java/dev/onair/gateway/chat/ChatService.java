package dev.onair.gateway.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.onair.contract.Topics;
import dev.onair.contract.ws.ChatDelete;
import dev.onair.contract.ws.ChatMessage;
import dev.onair.contract.ws.ChatSend;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.moderation.Moderation;
import dev.onair.gateway.moderation.Sanctions;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.system.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Accepts chat frames: checks membership, text, rate and sanctions, records history and
 * publishes to {@code chat.messages}; every instance (this one included) then delivers
 * from the topic, so all sessions see one order per room.
 */
@Service
public class ChatService {

	/** Message ids are short tokens; anything else is not one of ours. */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final ChatHistory history;

	private final Sanctions sanctions;

	private final KafkaSends kafka;

	private final GatewayProperties.Chat rules;

	private final Clock clock = Clock.systemUTC();

	private final Counter accepted;

	ChatService(ChatHistory history, Sanctions sanctions, KafkaSends kafka, GatewayProperties properties,
			MeterRegistry meters) {
		this.accepted = Counter.builder("onair.gateway.chat.messages")
			.description("Chat messages accepted from this instance's sessions")
			.register(meters);
		this.history = history;
		this.sanctions = sanctions;
		this.kafka = kafka;
		this.rules = properties.chat();
	}

	public Mono<Void> send(Session session, ChatSend send) {
		Role role = session.requireIn(send.room());
		ChatText text = ChatText.of(send.text());
		long wait = session.chatLimit().tryAcquire(System.nanoTime());
		if (wait > 0) {
			throw new Refusal("chat.rate-limited", "At most " + this.rules.messages() + " chat messages per "
					+ this.rules.window().toSeconds() + " s; retry in " + wait + " ms", wait);
		}
		this.sanctions.requireMayChat(send.room(), session.id());
		return publish(session, role, send.room(), text);
	}

	private Mono<Void> publish(Session session, Role role, String room, ChatText text) {
		Instant now = this.clock.instant();
		ChatMessage message = new ChatMessage(newId(now), room, session.id(), session.name(),
				(role == Role.PUBLISHER) ? "streamer" : null, text.value(), now);
		ChatEvent event = new ChatEvent.Message(room, message.id(), message.from(), message.name(), message.badge(),
				message.text(), now);
		return this.history.append(message).then(produce(event)).doOnSuccess((done) -> this.accepted.increment());
	}

	public Mono<Void> delete(Session session, ChatDelete delete) {
		Moderation.requireOwner(session, delete.room());
		if (delete.id() == null || delete.id().isBlank()) {
			throw new Refusal("field.missing", "chat.delete needs id");
		}
		if (!ID.matcher(delete.id()).matches()) {
			throw new Refusal("field.invalid", "chat.delete id must be a message id (1–64 letters, digits, '-', '_')");
		}
		Instant now = this.clock.instant();
		return this.history.markDeleted(delete.room(), delete.id())
			.then(produce(new ChatEvent.Deleted(delete.room(), delete.id(), session.id(), now)));
	}

	private Mono<Void> produce(ChatEvent event) {
		return this.kafka.send(Topics.CHAT_MESSAGES, event.room(), event);
	}

	/** Time-ordered, so ids sort like the messages. */
	private static String newId(Instant now) {
		return "m-" + Long.toHexString(now.toEpochMilli())
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 10);
	}

}
