package dev.onair.gateway.ws;

import dev.onair.contract.ws.ClientMessage;
import dev.onair.contract.ws.WsMessages;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.system.GatewayProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Turns a text frame into the client record its {@code type} names, or into the precise
 * refusal the client gets back.
 */
@Component
class FrameReader {

	private static final int MAX_REF = 64;

	private final JsonMapper json;

	private final int maxFrameBytes;

	FrameReader(JsonMapper json, GatewayProperties properties) {
		this.json = json;
		this.maxFrameBytes = properties.limits().maxFrameBytes();
	}

	Inbound read(byte[] utf8) {
		if (utf8.length > this.maxFrameBytes) {
			return Inbound.refused(null, new Refusal("frame.too-large",
					"Frames are limited to " + this.maxFrameBytes + " bytes; this one has " + utf8.length));
		}
		JsonNode tree;
		try {
			tree = this.json.readTree(utf8);
		}
		catch (JacksonException ex) {
			return Inbound.refused(null, new Refusal("frame.malformed", "Frames must be JSON objects"));
		}
		if (!(tree instanceof ObjectNode frame)) {
			return Inbound.refused(null, new Refusal("frame.malformed", "Frames must be JSON objects"));
		}
		JsonNode refNode = frame.remove("ref");
		String ref = (refNode != null && refNode.isString() && refNode.asString().length() <= MAX_REF)
				? refNode.asString() : null;
		JsonNode typeNode = frame.remove("type");
		Class<? extends ClientMessage> type = (typeNode != null && typeNode.isString())
				? WsMessages.CLIENT.get(typeNode.asString()) : null;
		if (type == null) {
			return Inbound.refused(ref, new Refusal("message.unknown-type",
					"type must be one of " + String.join(", ", WsMessages.CLIENT.keySet().stream().sorted().toList())));
		}
		try {
			ClientMessage message = this.json.readerFor(type)
				.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.readValue(frame);
			return new Inbound(ref, message, null);
		}
		catch (JacksonException ex) {
			return Inbound.refused(ref, new Refusal("field.invalid",
					typeNode.asString() + " has a field of the wrong type at " + ex.getPathReference()));
		}
	}

	/** A read frame: the message, or why it was refused; {@code ref} either way. */
	record Inbound(String ref, ClientMessage message, Refusal refusal) {

		static Inbound refused(String ref, Refusal refusal) {
			return new Inbound(ref, null, refusal);
		}

	}

}
