package dev.onair.broadcast.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.onair.broadcast.problem.FieldError;
import dev.onair.broadcast.problem.InvalidInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a create/edit body field by field instead of binding it, so one response can name
 * every bad field (binding stops at the first type error) and unknown fields are reported
 * rather than silently dropped.
 */
@Component
class BroadcastInputReader {

	private static final Set<String> FIELDS = Set.of("title", "description", "tags", "streamer");

	private static final int MAX_TAGS = 10;

	private final JsonMapper json;

	BroadcastInputReader(JsonMapper json) {
		this.json = json;
	}

	/** A create body: {@code title} is required. */
	BroadcastInput create(String body) {
		return read(body, true);
	}

	/** An edit body: any of the fields, at least one. */
	BroadcastInput edit(String body) {
		return read(body, false);
	}

	private BroadcastInput read(String body, boolean create) {
		JsonNode root = parse(body);
		List<FieldError> errors = new ArrayList<>();
		for (String name : root.propertyNames()) {
			if (!FIELDS.contains(name)) {
				errors.add(new FieldError(name, "unknown field; allowed are title, description, tags, streamer"));
			}
		}
		String title = text(root, "title", 1, 100, true, errors);
		if (create && title == null && !root.has("title")) {
			errors.add(new FieldError("title", "is required"));
		}
		String description = text(root, "description", 0, 2000, false, errors);
		List<String> tags = tags(root, errors);
		String streamer = text(root, "streamer", 1, 40, true, errors);
		BroadcastInput input = new BroadcastInput(title, description, tags, streamer);
		if (!create && errors.isEmpty() && input.isEmpty()) {
			errors.add(new FieldError("", "give at least one of title, description, tags, streamer"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return input;
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			throw InvalidInput.of("", "a JSON object body is required");
		}
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw InvalidInput.of("", "malformed JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw InvalidInput.of("", "must be a JSON object");
		}
		return root;
	}

	private static String text(JsonNode root, String field, int min, int max, boolean trim, List<FieldError> errors) {
		JsonNode node = root.get(field);
		if (node == null) {
			return null;
		}
		return checkText(node, field, min, max, trim, errors);
	}

	private static List<String> tags(JsonNode root, List<FieldError> errors) {
		JsonNode node = root.get("tags");
		if (node == null) {
			return null;
		}
		if (!node.isArray()) {
			errors.add(new FieldError("tags", "must be an array of strings"));
			return null;
		}
		if (node.size() > MAX_TAGS) {
			errors.add(new FieldError("tags", "must have at most " + MAX_TAGS + " entries, has " + node.size()));
		}
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			tags.add(checkText(node.get(i), "tags[" + i + "]", 1, 30, true, errors));
		}
		return tags;
	}

	private static String checkText(JsonNode node, String field, int min, int max, boolean trim,
			List<FieldError> errors) {
		if (!node.isString()) {
			errors.add(new FieldError(field, "must be a string, not " + node.getNodeType().name().toLowerCase()));
			return null;
		}
		String value = trim ? node.stringValue().strip() : node.stringValue();
		int length = value.codePointCount(0, value.length());
		if (!storable(value)) {
			errors.add(new FieldError(field, "must not contain U+0000 or unpaired surrogates"));
		}
		else if (length < min) {
			errors.add(new FieldError(field, "must not be blank"));
		}
		else if (length > max) {
			errors.add(new FieldError(field, "must be at most " + max + " characters, has " + length));
		}
		return value;
	}

	/**
	 * Whether PostgreSQL can store the text as it was sent: a {@code text} column refuses
	 * U+0000 (the insert failed with a 500), and an unpaired surrogate, which JSON can
	 * escape but UTF-8 cannot encode, would be stored as {@code ?}.
	 */
	private static boolean storable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
