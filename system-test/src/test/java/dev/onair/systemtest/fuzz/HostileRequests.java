package dev.onair.systemtest.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.onair.systemtest.fuzz.HostileFrames.Rooms;

/**
 * REST requests a hostile client sends to edge-web's {@code /api}, generated from a seed:
 * methods, paths, queries, headers, content types and bodies. Owner requests carry a real
 * owner token only where that changes nothing lasting (edits of the fuzz broadcasts,
 * thumbnails); ending a broadcast or re-issuing its token gets forged tokens only, so the
 * WebSocket fuzz keeps its rooms and owners.
 */
final class HostileRequests {

	private static final String[] METHODS = { "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE",
			"PROPFIND", "FOO" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/json;charset=UTF-8",
			"application/json;charset=UTF-16", "application/merge-patch+json", "text/plain",
			"application/x-www-form-urlencoded", "multipart/form-data", "image/png", "image/svg+xml", "a/b/c", "",
			"application/json;charset=nonsense", "*/*" };

	private static final String[] ACCEPTS = { "*/*", "application/json", "application/xml", "text/html;q=0.1",
			"garbage", "application/problem+json, */*;q=0.0" };

	private static final String[] SEARCH_STATUSES = { "LIVE", "ENDED", "ALL", "live", "READY", "", "%00", "ALL,LIVE" };

	private static final String[] NUMBERS = { "0", "-1", "1", "100", "101", "1e3", "99999999999999999999", "NaN", "1.5",
			"", "0x10", "-2147483649" };

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final SplittableRandom random;

	private final Rooms rooms;

	/** One hostile request; {@code pathAndQuery} is already a valid URI reference. */
	record Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

		String describe() {
			String text = new String(this.body, 0, Math.min(this.body.length, 120), StandardCharsets.UTF_8);
			return this.method + " " + abbreviate(this.pathAndQuery) + " " + this.headers.keySet() + " body "
					+ this.body.length + " bytes: " + text.replaceAll("\\p{Cntrl}", "?");
		}

		private static String abbreviate(String text) {
			return (text.length() > 160) ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
		}

	}

	HostileRequests(long seed, Rooms rooms) {
		this.random = new SplittableRandom(seed);
		this.rooms = rooms;
	}

	Request next() {
		Map<String, String> headers = new LinkedHashMap<>();
		if (this.random.nextInt(3) == 0) {
			headers.put("Accept", pick(ACCEPTS));
		}
		if (this.random.nextInt(6) == 0) {
			headers.put("X-Forwarded-For", pick(new String[] { "1.2.3.4", "garbage", "::1, 10.0.0.1", "999.1.1.1" }));
		}
		if (this.random.nextInt(10) == 0) {
			headers.put("X-Fuzz", "x".repeat(this.random.nextInt(1, 12_000)));
		}
		int pick = this.random.nextInt(100);
		if (pick < 25) {
			return create(headers);
		}
		if (pick < 40) {
			return ownerRequest(headers);
		}
		if (pick < 55) {
			return new Request(method("GET"), "/api/broadcasts/" + id() + suffix(), headers, body(headers));
		}
		if (pick < 65) {
			return new Request(method("GET"), "/api/rooms/" + id() + "/viewers", headers, new byte[0]);
		}
		if (pick < 90) {
			return search(headers);
		}
		return new Request(method("GET"),
				pick(new String[] { "/api", "/api/", "/api/unknown", "/api//broadcasts",
						"/api/broadcasts/../../actuator/health", "/api/%2e%2e/actuator/env",
						"/api/broadcasts;jsessionid=1", "/api/search/../broadcasts", "/api/broadcasts/%00",
						"/api/rooms", "/api/rooms//viewers" }),
				headers, body(headers));
	}

	private Request create(Map<String, String> headers) {
		headers.put("Content-Type", (this.random.nextInt(4) == 0) ? pick(CONTENT_TYPES) : "application/json");
		return new Request(method("POST"), "/api/broadcasts", headers, body(headers));
	}

	private Request ownerRequest(Map<String, String> headers) {
		int index = this.random.nextInt(this.rooms.ids().size());
		String room = this.rooms.ids().get(index);
		String token = this.rooms.ownerTokens().get(index);
		return switch (this.random.nextInt(4)) {
			case 0 -> {
				headers.put("Authorization", (this.random.nextBoolean() ? "Bearer " + token : authorization()));
				headers.put("Content-Type", (this.random.nextInt(3) == 0) ? pick(CONTENT_TYPES) : "application/json");
				yield new Request(method("PATCH"), "/api/broadcasts/" + room, headers, body(headers));
			}
			case 1 -> {
				headers.put("Authorization", (this.random.nextBoolean() ? "Bearer " + token : authorization()));
				headers.put("Content-Type", pick(new String[] { "image/png", "image/jpeg", "image/webp", "text/html",
						"image/svg+xml", "application/octet-stream" }));
				yield new Request(method("PUT"), "/api/broadcasts/" + room + "/thumbnail", headers, thumbnail());
			}
			default -> {
				headers.put("Authorization", authorization());
				String action = this.random.nextBoolean() ? "/end" : "/owner-token";
				yield new Request(method("POST"), "/api/broadcasts/" + room + action, headers, body(headers));
			}
		};
	}

	private Request search(Map<String, String> headers) {
		StringBuilder query = new StringBuilder(this.random.nextBoolean() ? "/api/search" : "/api/search/suggest");
		char separator = '?';
		for (String parameter : new String[] { "q", "status", "tag", "page", "size" }) {
			if (this.random.nextInt(3) == 0) {
				continue;
			}
			String value = switch (parameter) {
				case "status" -> pick(SEARCH_STATUSES);
				case "page", "size" -> pick(NUMBERS);
				default -> text();
			};
			query.append(separator).append(parameter).append('=').append(encode(value));
			separator = '&';
		}
		if (this.random.nextInt(8) == 0) {
			query.append(separator).append("q=a&q=b&page=1&page=2");
		}
		return new Request(method("GET"), query.toString(), headers, new byte[0]);
	}

	/** Mostly the route's own method, sometimes any other. */
	private String method(String usual) {
		return (this.random.nextInt(8) == 0) ? pick(METHODS) : usual;
	}

	private String id() {
		return switch (this.random.nextInt(7)) {
			case 0 -> this.rooms.ids().get(this.random.nextInt(this.rooms.ids().size()));
			case 1 -> new UUID(this.random.nextLong(), this.random.nextLong()).toString();
			case 2 -> encode(text());
			case 3 -> "x".repeat(this.random.nextInt(1, 9_000));
			case 4 -> "00000000-0000-0000-0000-00000000000G";
			case 5 -> "%C3%28%FF%00";
			default -> "..%2F..%2Factuator";
		};
	}

	private String suffix() {
		return pick(new String[] { "", "", "/thumbnail", "/end", "/owner-token", "/x/y", "/", ".json" });
	}

	private String authorization() {
		return pick(new String[] { "Bearer ", "Bearer v2.AAAAAAAA.1.9999999999.forged", "Bearer v1.0000.abcdef",
				"Basic YWRtaW46YWRtaW4=", "Bearer " + "A".repeat(5_000), "Bearer v2...." + "\u00e9", "bearer x y z",
				"Bearer v2.AAAAAAAA.-1.-1.x" });
	}

	private byte[] body(Map<String, String> headers) {
		if (this.random.nextInt(5) == 0) {
			return new byte[0];
		}
		String json = switch (this.random.nextInt(12)) {
			case 0 -> "{\"title\":" + HostileFrames.quote(text()) + "}";
			case 1 -> "{\"title\":\"fuzz\",\"tags\":[" + "\"t\",".repeat(this.random.nextInt(0, 2_000)) + "\"t\"]}";
			case 2 -> "{\"title\":" + pick(NUMBERS) + ",\"description\":{}}";
			case 3 -> "{\"title\":\"fuzz\",\"title\":null,\"streamer\":" + HostileFrames.quote(text()) + "}";
			case 4 -> "[".repeat(this.random.nextInt(600, 50_000)) + "]".repeat(this.random.nextInt(0, 50));
			case 5 -> "{\"title\":\"" + "a".repeat(this.random.nextInt(100, 1_200_000)) + "\"}";
			case 6 -> "{\"title\":\"fuzz\",\"unknown\":1,\"id\":\"00000000-0000-0000-0000-000000000000\","
					+ "\"status\":\"LIVE\",\"ownerToken\":\"x\"}";
			case 7 -> "{\"title\":\"fuzz " + this.random.nextInt(1000) + "\",\"description\":"
					+ HostileFrames.quote(text()) + ",\"tags\":[" + HostileFrames.quote(text()) + "]}";
			case 8 -> "{\"title\":\"fuzz\",\"tags\":\"not-a-list\",\"description\":[1,2]}";
			case 9 -> "{\"title\":\"\\ud800\",\"description\":\"\\u0000\"}";
			case 10 -> "{'title':'single quotes'}";
			default -> "null";
		};
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		if (this.random.nextInt(10) == 0) {
			body[this.random.nextInt(body.length)] = (byte) 0xFF;
		}
		return body;
	}

	private byte[] thumbnail() {
		byte[] image = new byte[this.random.nextInt(0, 300_000)];
		for (int i = 0; i < Math.min(image.length, 64); i++) {
			image[i] = (byte) this.random.nextInt(256);
		}
		if (image.length > PNG.length && this.random.nextBoolean()) {
			System.arraycopy(PNG, 0, image, 0, PNG.length);
		}
		return image;
	}

	/** Query and field text: unicode, controls, bidi, Lucene syntax, huge. */
	private String text() {
		return switch (this.random.nextInt(10)) {
			case 0 -> "";
			case 1 -> "안녕 👋🏽 ñé";
			case 2 -> "\u202Egnp.exe\u200B\u0000\u001F";
			case 3 -> "title:(a OR b)^2 AND \"x\" ~ * ? \\ / [1 TO 5] {} -+!&&||";
			case 4 -> "a".repeat(this.random.nextInt(1, 5_000));
			case 5 -> "<script>alert(1)</script>";
			case 6 -> "' OR 1=1 --; DROP TABLE broadcast;";
			case 7 -> "\uD800\uDFFF\uFFFE\uFFFF";
			case 8 -> "*".repeat(this.random.nextInt(1, 300));
			default -> "%s%n%x${jndi:ldap://127.0.0.1/a}";
		};
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
