package dev.onair.gateway.session;

import dev.onair.contract.ws.ServerMessage;
import dev.onair.contract.ws.WsMessages;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Writes server frames: {@code {"type": <name>, ...record}}. Write once and send the
 * string to many sessions when fanning out.
 */
@Component
public class Frames {

	private final JsonMapper json;

	public Frames(JsonMapper json) {
		this.json = json;
	}

	public String write(ServerMessage message) {
		ObjectNode frame = this.json.createObjectNode();
		frame.put("type", WsMessages.type(message));
		frame.setAll((ObjectNode) this.json.valueToTree(message));
		return this.json.writeValueAsString(frame);
	}

	public void send(Session session, ServerMessage message) {
		session.send(write(message));
	}

}
