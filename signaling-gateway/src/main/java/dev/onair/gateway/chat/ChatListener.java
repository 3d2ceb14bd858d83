package dev.onair.gateway.chat;

import java.util.function.Consumer;

import dev.onair.contract.ws.ChatDeleted;
import dev.onair.contract.ws.ChatMessage;
import dev.onair.contract.ws.ServerMessage;
import dev.onair.gateway.kafka.RecordValue;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Sessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Delivers the room's chat events to the sessions this instance holds in the room: the
 * function behind {@code chatMessages-in-0}, a fan-out binding (application.yml).
 */
@Component("chatMessages")
class ChatListener implements Consumer<Message<?>> {

	private final Sessions sessions;

	private final Frames frames;

	private final JsonMapper json;

	ChatListener(Sessions sessions, Frames frames, JsonMapper json) {
		this.sessions = sessions;
		this.frames = frames;
		this.json = json;
	}

	@Override
	public void accept(Message<?> record) {
		ChatEvent event = this.json.readValue(RecordValue.of(record), ChatEvent.class);
		byte[] frame = this.frames.write(toFrame(event));
		this.sessions.inRoom(event.room()).forEach((session) -> session.send(frame));
	}

	private static ServerMessage toFrame(ChatEvent event) {
		return switch (event) {
			case ChatEvent.Message message -> new ChatMessage(message.id(), message.room(), message.from(),
					message.name(), message.badge(), message.text(), message.at());
			case ChatEvent.Deleted deleted -> new ChatDeleted(deleted.room(), deleted.id());
		};
	}

}
