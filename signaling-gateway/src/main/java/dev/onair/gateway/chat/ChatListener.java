package dev.onair.gateway.chat;

import dev.onair.contract.Topics;
import dev.onair.contract.ws.ChatDeleted;
import dev.onair.contract.ws.ChatMessage;
import dev.onair.contract.ws.ServerMessage;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Sessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Delivers the room's chat events to the sessions this instance holds in the room. */
@Component
class ChatListener {

	private final Sessions sessions;

	private final Frames frames;

	private final JsonMapper json;

	ChatListener(Sessions sessions, Frames frames, JsonMapper json) {
		this.sessions = sessions;
		this.frames = frames;
		this.json = json;
	}

	@KafkaListener(topics = "${onair.kafka.prefix:}" + Topics.CHAT_MESSAGES, groupId = "#{@fanOut.group('chat')}")
	void onChatEvent(String value) {
		ChatEvent event = this.json.readValue(value, ChatEvent.class);
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
