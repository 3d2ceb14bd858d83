package dev.onair.gateway.session;

import dev.onair.contract.ws.ServerMessage;
import dev.onair.contract.ws.WsMessages;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Writes server frames: {@code {"type": <name>, ...record}}, UTF-8 encoded. Write once
 * and send the bytes to every session when fanning out.
 */
@Component
public class Frames {

	private final JsonMapper json;

	public Frames(JsonMapper json) {
		this.json = json;
	}

	public byte[] write(ServerMessage message) {
		ObjectNode frame = this.json.createObjectNode();
		frame.put("type", WsMessages.type(message));
		frame.setAll((ObjectNode) this.json.valueToTree(message));
		return this.json.writeValueAsBytes(frame);
	}

	public void send(Session session, ServerMessage message) {
		session.send(write(message));
	}

}
