package dev.onair.gateway.ws;

import java.time.Duration;

import dev.onair.contract.ws.ChatBan;
import dev.onair.contract.ws.ChatDelete;
import dev.onair.contract.ws.ChatSend;
import dev.onair.contract.ws.ChatTimeout;
import dev.onair.contract.ws.ChatUnban;
import dev.onair.contract.ws.ClientMessage;
import dev.onair.contract.ws.ErrorMessage;
import dev.onair.contract.ws.Hello;
import dev.onair.contract.ws.Join;
import dev.onair.contract.ws.Leave;
import dev.onair.gateway.chat.ChatService;
import dev.onair.gateway.moderation.Moderation;
import dev.onair.gateway.room.RoomMembership;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.signal.SignalRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Routes one client frame to its feature and turns every refusal or failure into an
 * {@code error} frame; nothing a client sends ends its connection.
 */
@Component
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/** Kafka and Redis answer in milliseconds; past this the client should retry. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final long RETRY_MS = 1000;

	private final FrameReader reader;

	private final Greeter greeter;

	private final RoomMembership rooms;

	private final ChatService chat;

	private final Moderation moderation;

	private final SignalRelay signals;

	private final Frames frames;

	Dispatcher(FrameReader reader, Greeter greeter, RoomMembership rooms, ChatService chat, Moderation moderation,
			SignalRelay signals, Frames frames) {
		this.reader = reader;
		this.greeter = greeter;
		this.rooms = rooms;
		this.chat = chat;
		this.moderation = moderation;
		this.signals = signals;
		this.frames = frames;
	}

	Mono<Void> text(Session session, byte[] utf8) {
		long wait = session.frameLimit().tryAcquire(System.nanoTime());
		// Read even a frame over the rate, so its refusal echoes its ref like every other
		// (docs/protocol.md): without it a client cannot tell which request was dropped,
		// and the fuzz run's probes waited 10 s for answers that had come without one.
		// Reading is bounded by the frame size limit; the rate protects what comes after
		// (Redis, Kafka, fan-out).
		FrameReader.Inbound inbound = this.reader.read(utf8);
		if (wait > 0) {
			refuse(session, inbound.ref(),
					new Refusal("rate.limited", "Too many frames; retry in " + wait + " ms", wait));
			return Mono.empty();
		}
		if (inbound.refusal() != null) {
			refuse(session, inbound.ref(), inbound.refusal());
			return Mono.empty();
		}
		return Mono.defer(() -> route(session, inbound.message()))
			.timeout(TIMEOUT)
			.onErrorResume(Refusal.class, (refusal) -> {
				refuse(session, inbound.ref(), refusal);
				return Mono.empty();
			})
			.onErrorResume((ex) -> {
				log.warn("Handling {} for session={} failed: {}", inbound.message().getClass().getSimpleName(),
						session.id(), ex.toString());
				refuse(session, inbound.ref(),
						new Refusal("unavailable", "The gateway could not complete this; retry", RETRY_MS));
				return Mono.empty();
			});
	}

	void binary(Session session) {
		refuse(session, null, new Refusal("frame.malformed", "Frames must be JSON text, not binary"));
	}

	private Mono<Void> route(Session session, ClientMessage message) {
		if (message instanceof Hello hello) {
			return this.greeter.hello(session, hello);
		}
		if (!session.started()) {
			throw new Refusal("session.required", "Send hello first");
		}
		return switch (message) {
			case Join join -> this.rooms.join(session, join);
			case Leave leave -> this.rooms.leave(session, leave.room());
			case ChatSend send -> this.chat.send(session, send);
			case ChatDelete delete -> this.chat.delete(session, delete);
			case ChatTimeout timeout -> this.moderation.timeout(session, timeout);
			case ChatBan ban -> this.moderation.ban(session, ban);
			case ChatUnban unban -> this.moderation.unban(session, unban);
			default -> this.signals.forward(session, message);
		};
	}

	private void refuse(Session session, String ref, Refusal refusal) {
		this.frames.send(session, new ErrorMessage(refusal.code(), refusal.getMessage(), ref, refusal.retryAfterMs()));
	}

}
