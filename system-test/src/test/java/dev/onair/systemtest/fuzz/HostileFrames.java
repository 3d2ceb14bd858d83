package dev.onair.systemtest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * WebSocket frames a hostile client sends, generated from a seed: the same seed gives the
 * same frames in the same order, so a finding can be replayed. Each frame is built as
 * text by hand (a JSON library would refuse to write most of them).
 */
final class HostileFrames {

	/** The protocol's frame limit; larger frames may close the connection. */
	static final int PROTOCOL_LIMIT = 64 * 1024;

	/**
	 * Client types whose effect is answered later or elsewhere (Kafka fan-out,
	 * media-service), so a frame the gateway accepts gets no immediate answer.
	 */
	static final Set<String> ANSWERED_LATER = Set.of("chat.send", "chat.delete", "chat.timeout", "chat.ban",
			"chat.unban", "publish", "watch", "answer", "ice", "quality", "unpublish", "unwatch");

	/**
	 * Every client type and its fields, in a fixed order (the seed must decide alone).
	 */
	private static final Map<String, List<String>> FIELDS = new LinkedHashMap<>();

	static {
		FIELDS.put("hello", List.of("v", "name", "token"));
		FIELDS.put("join", List.of("room", "role", "ownerToken"));
		FIELDS.put("leave", List.of("room"));
		FIELDS.put("chat.send", List.of("room", "text"));
		FIELDS.put("chat.delete", List.of("room", "id"));
		FIELDS.put("chat.timeout", List.of("room", "user", "seconds"));
		FIELDS.put("chat.ban", List.of("room", "user"));
		FIELDS.put("chat.unban", List.of("room", "user"));
		FIELDS.put("publish", List.of("room", "sdp"));
		FIELDS.put("watch", List.of("room", "quality"));
		FIELDS.put("answer", List.of("room", "sdp"));
		FIELDS.put("ice", List.of("room", "candidate"));
		FIELDS.put("quality", List.of("room", "quality"));
		FIELDS.put("unpublish", List.of("room"));
		FIELDS.put("unwatch", List.of("room"));
	}

	private static final List<String> TYPES = List.copyOf(FIELDS.keySet());

	private static final String[] NUMBERS = { "0", "-1", "2", "1.5", "-0", "1e400", "-1e400", "1E-400",
			"99999999999999999999999999999", "2147483648", "-9223372036854775809", "86401", "1e10" };

	private static final String[] MALFORMED = { "", " ", "{", "}", "[]", "[1,2]", "\"hello\"", "42", "null", "true",
			"{'type':'hello'}", "{\"type\":\"hello\",}", "{\"type\":\"hello\",\"v\":1} trailing", "{\"type\":",
			"{\"type\":\"join\",\"room\":\"x\"", "{type:hello}", "{\"type\":\"hello\" \"v\":1}", "\uFEFF{}",
			"{\"type\":\"hello\",\"v\":01}", "{\"type\":\"hello\",\"v\":NaN}", "{\"type\":\"hello\",\"v\":0x1}",
			"/* comment */ {\"type\":\"hello\",\"v\":1}", "{\"type\":\"leave\",\"room\":\"\\x41\"}", "{\"\":\"\"}" };

	/**
	 * Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, 5-byte.
	 */
	private static final byte[][] NOT_UTF8 = { { (byte) 0xC3, 0x28 }, { (byte) 0xA0, (byte) 0xA1 },
			{ (byte) 0xE2, 0x28, (byte) 0xA1 }, { (byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC }, { (byte) 0xFF },
			{ (byte) 0xFE }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
			{ (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 } };

	private static final String[] CANDIDATES = { "candidate:1 1 udp 2122260223 127.0.0.1 9 typ host",
			"candidate:1 1 udp 2122260223 169.254.169.254 9 typ host", "candidate:1 1 udp 1 ::1 9 typ host",
			"candidate:1 1 udp 1 224.0.0.1 9 typ host", "candidate:1 1 udp 1 0.0.0.0 9 typ host",
			"candidate:1 1 udp 1 evil.example.com 9 typ host", "candidate:1 1 udp 1 203.0.113.9 9 typ host",
			"candidate:1 1 udp 1 6b9f3c1e-5a8e-4c1e-9f0a-0a0a0a0a0a0a.local 9 typ host", "candidate:garbage", "",
			"candidate:1 1 tcp 1 10.0.0.1 9 typ relay raddr 127.0.0.1 rport 1" };

	private final SplittableRandom random;

	private final Rooms rooms;

	/** The room this connection joins and, if it joins as publisher, its owner token. */
	private final String room;

	private final String ownerToken;

	/** Frames of one generator name their kind: the counts report per kind. */
	record Frame(String kind, String type, byte[] payload, boolean binary) {

		boolean oversize() {
			return this.payload.length > PROTOCOL_LIMIT;
		}

		/** The frame's start, printable, for a finding's report. */
		String preview() {
			String text = this.binary ? "<binary " + this.payload.length + " bytes>"
					: new String(this.payload, 0, Math.min(this.payload.length, 160), StandardCharsets.UTF_8);
			return this.kind + " (" + this.payload.length + " bytes): " + text.replaceAll("\\p{Cntrl}", "?");
		}

	}

	/** The broadcasts the fuzz run created: their ids and owner tokens. */
	record Rooms(List<String> ids, List<String> ownerTokens) {

	}

	HostileFrames(long seed, Rooms rooms, String room, String ownerToken) {
		this.random = new SplittableRandom(seed);
		this.rooms = rooms;
		this.room = room;
		this.ownerToken = ownerToken;
	}

	Frame next() {
		int pick = this.random.nextInt(1000);
		if (pick < 80) {
			return text("malformed JSON", null, malformed());
		}
		if (pick < 140) {
			return unknownType();
		}
		if (pick < 260) {
			return wrongTypes();
		}
		if (pick < 320) {
			return missingFields();
		}
		if (pick < 480) {
			return hostileStrings();
		}
		if (pick < 510) {
			return depthBomb();
		}
		if (pick < 560) {
			return numbersOutOfRange();
		}
		if (pick < 600) {
			return duplicateKeys();
		}
		if (pick < 640) {
			return binary();
		}
		if (pick < 645) {
			return oversize();
		}
		if (pick < 690) {
			return notUtf8();
		}
		if (pick < 830) {
			return wrongOrder();
		}
		if (pick < 955) {
			return signaling();
		}
		return longIds();
	}

	private String malformed() {
		if (this.random.nextInt(4) == 0) {
			String valid = object("join", "\"room\":" + quote(this.room) + ",\"role\":\"viewer\"");
			return valid.substring(0, this.random.nextInt(valid.length()));
		}
		if (this.random.nextInt(4) == 0) {
			StringBuilder garbage = new StringBuilder();
			for (int i = this.random.nextInt(1, 200); i > 0; i--) {
				garbage.append((char) this.random.nextInt(0x20, 0x7F));
			}
			return garbage.toString();
		}
		return MALFORMED[this.random.nextInt(MALFORMED.length)];
	}

	private Frame unknownType() {
		String type = switch (this.random.nextInt(6)) {
			case 0 -> null;
			case 1 -> "\"HELLO\"";
			case 2 -> "\"chat.send \"";
			case 3 -> "\"admin.create-room\"";
			case 4 -> quote(hostileString());
			default -> hostileValue();
		};
		String room = "\"room\":" + quote(this.room);
		return text("unknown type", null, (type == null) ? "{" + room + "}" : "{\"type\":" + type + "," + room + "}");
	}

	private Frame wrongTypes() {
		String type = anyType();
		StringBuilder members = new StringBuilder();
		for (String field : FIELDS.get(type)) {
			String value = this.random.nextBoolean() ? hostileValue() : goodValue(field);
			members.append(',').append(quote(field)).append(':').append(value);
		}
		return text("wrong field types", type, object(type, members.substring(Math.min(1, members.length()))));
	}

	private Frame missingFields() {
		String type = anyType();
		StringBuilder members = new StringBuilder();
		for (String field : FIELDS.get(type)) {
			if (this.random.nextInt(3) == 0) {
				members.append(',').append(quote(field)).append(':').append(goodValue(field));
			}
		}
		return text("missing fields", type, object(type, members.substring(Math.min(1, members.length()))));
	}

	private Frame hostileStrings() {
		String type = anyType();
		StringBuilder members = new StringBuilder();
		for (String field : FIELDS.get(type)) {
			String value = switch (field) {
				case "v" -> "1";
				case "seconds" -> "60";
				case "candidate" -> "{\"candidate\":" + quote(hostileString()) + ",\"sdpMid\":" + quote(hostileString())
						+ ",\"sdpMLineIndex\":0}";
				case "room" -> this.random.nextBoolean() ? quote(this.room) : quote(hostileString());
				default -> quote(hostileString());
			};
			members.append(',').append(quote(field)).append(':').append(value);
		}
		if (this.random.nextInt(4) == 0) {
			members.append(",\"ref\":").append(quote(hostileString()));
		}
		return text("hostile strings", type, object(type, members.substring(Math.min(1, members.length()))));
	}

	private Frame depthBomb() {
		int depth = this.random.nextInt(600, 20_000);
		boolean arrays = this.random.nextBoolean();
		String bomb = arrays ? "[".repeat(depth) + "]".repeat(depth)
				: "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
		String type = anyType();
		return text("nesting depth bomb", type, object(type, "\"room\":" + bomb));
	}

	private Frame numbersOutOfRange() {
		String number = NUMBERS[this.random.nextInt(NUMBERS.length)];
		return switch (this.random.nextInt(4)) {
			case 0 -> text("numbers out of range", "hello", object("hello", "\"v\":" + number));
			case 1 -> text("numbers out of range", "chat.timeout", object("chat.timeout",
					"\"room\":" + quote(this.room) + ",\"user\":\"s-000000000001\",\"seconds\":" + number));
			case 2 -> text("numbers out of range", "ice", object("ice", "\"room\":" + quote(this.room)
					+ ",\"candidate\":{\"candidate\":\"\",\"sdpMid\":\"0\",\"sdpMLineIndex\":" + number + "}"));
			default ->
				text("numbers out of range", "join", object("join", "\"room\":" + number + ",\"role\":\"viewer\""));
		};
	}

	private Frame duplicateKeys() {
		String second = anyType();
		return text("duplicate keys", second,
				"{\"type\":\"leave\",\"room\":\"a\",\"type\":" + quote(second) + ",\"room\":" + quote(this.room)
						+ ",\"text\":\"x\",\"text\":" + quote(hostileString()) + ",\"v\":2,\"v\":1,\"role\":\"viewer\""
						+ ",\"role\":\"publisher\"}");
	}

	private Frame binary() {
		byte[] bytes = new byte[this.random.nextInt(0, 4096)];
		fill(bytes);
		if (bytes.length > 0 && this.random.nextBoolean()) {
			// A valid frame sent as binary must still be refused.
			bytes = object("leave", "\"room\":" + quote(this.room)).getBytes(StandardCharsets.UTF_8);
		}
		return new Frame("binary", null, bytes, true);
	}

	private Frame oversize() {
		int size = (this.random.nextInt(5) == 0) ? this.random.nextInt(256 * 1024 + 1, 300_000)
				: this.random.nextInt(PROTOCOL_LIMIT + 1, 200_000);
		String head = "{\"type\":\"chat.send\",\"room\":" + quote(this.room) + ",\"text\":\"";
		return text("oversize", "chat.send", head + "a".repeat(Math.max(0, size - head.length() - 2)) + "\"}");
	}

	private Frame notUtf8() {
		byte[] head = ("{\"type\":\"chat.send\",\"room\":" + quote(this.room) + ",\"text\":\"ok ")
			.getBytes(StandardCharsets.UTF_8);
		byte[] bad = NOT_UTF8[this.random.nextInt(NOT_UTF8.length)];
		byte[] tail = " end\"}".getBytes(StandardCharsets.UTF_8);
		byte[] payload = new byte[head.length + bad.length + tail.length];
		System.arraycopy(head, 0, payload, 0, head.length);
		System.arraycopy(bad, 0, payload, head.length, bad.length);
		System.arraycopy(tail, 0, payload, head.length + bad.length, tail.length);
		return new Frame("invalid UTF-8", "chat.send", payload, false);
	}

	/**
	 * Valid-looking frames a session may not send now, or in a room it has no rights in.
	 */
	private Frame wrongOrder() {
		String other = otherRoom();
		String unknown = quote(uuid());
		String own = quote(this.room);
		return switch (this.random.nextInt(14)) {
			case 0 -> text("wrong order", "hello", object("hello", "\"v\":1,\"name\":\"again\""));
			case 1 -> text("wrong order", "join", object("join", "\"room\":" + unknown + ",\"role\":\"viewer\""));
			case 2 ->
				text("wrong order", "join", object("join", "\"room\":" + quote(other) + ",\"role\":\"publisher\""));
			case 3 -> text("wrong order", "join", object("join", "\"room\":" + quote(other)
					+ ",\"role\":\"publisher\",\"ownerToken\":\"v2.AAAAAAAA.1.9999999999.forged\""));
			case 4 -> text("wrong order", "join",
					object("join", "\"room\":" + quote(other) + ",\"role\":\"publisher\",\"ownerToken\":"
							+ quote(this.rooms.ownerTokens().get(this.rooms.ids().indexOf(this.room)))));
			case 5 -> text("wrong order", "join", object("join", "\"room\":" + own + ",\"role\":\"viewer\""));
			case 6 -> text("wrong order", "chat.send", object("chat.send", "\"room\":" + unknown + ",\"text\":\"hi\""));
			case 7 -> text("wrong order", "chat.delete", object("chat.delete", "\"room\":" + own + ",\"id\":\"m-1\""));
			case 8 -> text("wrong order", "chat.ban",
					object("chat.ban", "\"room\":" + quote(other) + ",\"user\":\"s-000000000001\""));
			case 9 -> text("wrong order", "chat.timeout",
					object("chat.timeout", "\"room\":" + own + ",\"user\":" + moderationId() + ",\"seconds\":1"));
			case 10 -> text("wrong order", "publish",
					object("publish", "\"room\":" + quote(other) + ",\"sdp\":\"v=0\\r\\n\""));
			case 11 -> text("wrong order", "unpublish", object("unpublish", "\"room\":" + unknown));
			case 12 -> text("wrong order", "leave", object("leave", "\"room\":" + quote(other)));
			default -> text("wrong order", "watch", object("watch", "\"room\":" + unknown + ",\"quality\":\"auto\""));
		};
	}

	/** Signaling frames in the joined room with garbage SDP, candidates and qualities. */
	private Frame signaling() {
		String own = "\"room\":" + quote(this.room);
		return switch (this.random.nextInt(8)) {
			case 0 -> text("garbage signaling", "publish", object("publish", own + ",\"sdp\":" + quote(sdp())));
			case 1 -> text("garbage signaling", "answer", object("answer", own + ",\"sdp\":" + quote(sdp())));
			case 2, 3 -> {
				String candidate = (this.random.nextInt(6) == 0) ? "null"
						: "{\"candidate\":" + quote(CANDIDATES[this.random.nextInt(CANDIDATES.length)])
								+ ",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}";
				yield text("garbage signaling", "ice", object("ice", own + ",\"candidate\":" + candidate));
			}
			case 4 -> text("garbage signaling", "watch", object("watch", own + ",\"quality\":" + quote(quality())));
			case 5 -> text("garbage signaling", "quality", object("quality", own + ",\"quality\":" + quote(quality())));
			case 6 -> text("garbage signaling", "unwatch", object("unwatch", own));
			default -> text("garbage signaling", "unpublish", object("unpublish", own));
		};
	}

	private Frame longIds() {
		// Up to frames just within the limit: a refusal that quotes the id is then just
		// over
		// it, which edge-web's proxy once could not carry.
		String id = "x".repeat(this.random.nextInt(65, PROTOCOL_LIMIT - 40));
		return switch (this.random.nextInt(6)) {
			case 0 -> text("very long ids", "join", object("join", "\"room\":" + quote(id) + ",\"role\":\"viewer\""));
			case 1 -> text("very long ids", "leave", object("leave", "\"room\":" + quote(id)));
			case 2 -> text("very long ids", "chat.delete",
					object("chat.delete", "\"room\":" + quote(this.room) + ",\"id\":" + quote(id)));
			case 3 -> text("very long ids", "chat.ban",
					object("chat.ban", "\"room\":" + quote(this.room) + ",\"user\":" + quote(id)));
			case 4 -> text("very long ids", "hello", object("hello", "\"v\":1,\"name\":" + quote(id)));
			default -> text("very long ids", "leave",
					object("leave", "\"room\":" + quote(this.room) + ",\"ref\":" + quote(id)));
		};
	}

	private String sdp() {
		return switch (this.random.nextInt(7)) {
			case 0 -> "";
			case 1 -> hostileString();
			case 2 -> "v=0\r\n" + "a=x\r\n".repeat(this.random.nextInt(7_000, 10_000));
			case 3 -> "v=0\r\na=candidate:" + CANDIDATES[this.random.nextInt(CANDIDATES.length)] + "\r\n";
			case 4 -> "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=candidate:1 1 udp 1 10.203.10.9 9 typ host\r\n";
			default -> "v=0\r\n" + hostileString();
		};
	}

	private String quality() {
		return switch (this.random.nextInt(5)) {
			case 0 -> "auto";
			case 1 -> "1080p";
			case 2 -> "480P";
			default -> hostileString();
		};
	}

	/**
	 * A user or message id for moderation: rarely a valid one (its timeout lasts a
	 * second), so the owner's moderation leaves no lasting sanction behind.
	 */
	private String moderationId() {
		return (this.random.nextInt(10) == 0) ? "\"s-fuzz" + this.random.nextInt(1000) + "\"" : quote(hostileString());
	}

	private String goodValue(String field) {
		return switch (field) {
			case "v" -> "1";
			case "room" -> quote(this.room);
			case "role" -> "\"viewer\"";
			case "name" -> "\"fuzz\"";
			case "text" -> "\"hi\"";
			case "id" -> "\"m-1\"";
			case "user" -> "\"s-000000000001\"";
			case "seconds" -> "1";
			case "sdp" -> "\"v=0\\r\\n\"";
			case "quality" -> "\"auto\"";
			case "ownerToken" -> (this.ownerToken != null) ? quote(this.ownerToken) : "null";
			default -> "null";
		};
	}

	private String hostileValue() {
		return switch (this.random.nextInt(10)) {
			case 0, 1 -> quote(hostileString());
			case 2, 3 -> NUMBERS[this.random.nextInt(NUMBERS.length)];
			case 4 -> this.random.nextBoolean() ? "true" : "false";
			case 5 -> "null";
			case 6 -> "[]";
			case 7 -> "{}";
			case 8 -> "[" + quote(hostileString()) + ",1,null,{}]";
			default -> "{\"candidate\":" + NUMBERS[this.random.nextInt(NUMBERS.length)] + ",\"room\":[true]}";
		};
	}

	private String hostileString() {
		return switch (this.random.nextInt(14)) {
			case 0 -> "";
			case 1 -> " \t\n ";
			case 2 -> "a".repeat(this.random.nextInt(1, 20_000));
			case 3 -> "안녕하세요 👋🏽 ñé 中文 עברית العربية";
			case 4 -> codePoints(0, 0x20);
			case 5 -> "\u202Egnp.exe\u202C \u2066admin\u2069 \u061C";
			case 6 -> "\u200B\u200C\u200D\u2060\uFEFFadmin\u200B";
			case 7 -> "\uD800x\uDFFF\uDBFF";
			case 8 -> "s-".repeat(this.random.nextInt(33, 5_000));
			case 9 -> "<script>alert(1)</script>\"'`${}\\";
			case 10 -> "../../etc/passwd\u0000%00";
			case 11 -> codePoints(0, 0x110000);
			case 12 -> "s-" + Long.toHexString(this.random.nextLong());
			default -> uuid();
		};
	}

	private String codePoints(int from, int to) {
		StringBuilder text = new StringBuilder();
		for (int i = this.random.nextInt(1, 300); i > 0; i--) {
			text.appendCodePoint(this.random.nextInt(from, to));
		}
		return text.toString();
	}

	private String anyType() {
		return TYPES.get(this.random.nextInt(TYPES.size()));
	}

	private String otherRoom() {
		List<String> others = new ArrayList<>(this.rooms.ids());
		others.remove(this.room);
		return others.isEmpty() ? uuid() : others.get(this.random.nextInt(others.size()));
	}

	private String uuid() {
		return new UUID(this.random.nextLong(), this.random.nextLong()).toString();
	}

	private void fill(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) this.random.nextInt(256);
		}
	}

	private static Frame text(String kind, String type, String json) {
		return new Frame(kind, type, json.getBytes(StandardCharsets.UTF_8), false);
	}

	private static String object(String type, String members) {
		return "{\"type\":" + quote(type) + (members.isEmpty() ? "" : "," + members) + "}";
	}

	/**
	 * A JSON string literal: quotes, backslashes, control characters and unpaired
	 * surrogates escaped (an unpaired surrogate has no UTF-8 form; escaped, it is what a
	 * hostile client can still send).
	 */
	static String quote(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1));
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || (Character.isSurrogate(c) && !paired
					&& !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1))))) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

}
