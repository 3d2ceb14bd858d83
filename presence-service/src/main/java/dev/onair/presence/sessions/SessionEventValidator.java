package dev.onair.presence.sessions;

import java.util.List;

import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.presence.membership.PresenceKeys;

import org.springframework.stereotype.Component;

/** Checks a session event field by field before it may touch membership. */
@Component
class SessionEventValidator {

	/** Far above what one gateway holds in one room; bounds a single Redis script. */
	static final int MAX_HEARTBEAT_SESSIONS = 100_000;

	void validate(String key, SessionEvent event) {
		require(event.type() != null, "type is required (JOINED, LEFT or HEARTBEAT)");
		requireId("room", event.room());
		require(event.room().equals(key), "record key '" + key + "' must equal room '" + event.room() + "'");
		requireId("gateway", event.gateway());
		require(event.at() != null, "at is required");
		if (event.type() == SessionEventType.HEARTBEAT) {
			List<String> sessions = event.sessions();
			require(sessions != null, "sessions is required for HEARTBEAT");
			require(sessions.size() <= MAX_HEARTBEAT_SESSIONS,
					"sessions has " + sessions.size() + " entries, at most " + MAX_HEARTBEAT_SESSIONS + " allowed");
			sessions.forEach((session) -> requireId("sessions[]", session));
		}
		else {
			requireId("session", event.session());
			require("viewer".equals(event.role()) || "publisher".equals(event.role()),
					"role must be 'viewer' or 'publisher', was '" + event.role() + "'");
		}
	}

	private static void requireId(String field, String value) {
		require(value != null, field + " is required");
		require(PresenceKeys.ID.matcher(value).matches(),
				field + " '" + value + "' must be 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'");
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new InvalidSessionEventException(problem);
		}
	}

}
