package dev.onair.presence.sessions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.RoomCount;
import dev.onair.presence.viewers.ViewerCountPublisher;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Applies the gateways' facts to membership, one Redis step per room per poll: the
 * function behind the {@code sessionEvents-in-0} binding, which delivers each poll as one
 * batch (application.yml). Records are grouped by room in partition order, so per-room
 * order holds while a join storm costs one round trip instead of thousands. A record that
 * cannot be read goes to the dead-letter topic on its own; a failing batch is retried
 * whole, which is safe because applying membership twice changes nothing. Publishers are
 * not viewers: their joins and leaves are dropped.
 */
@Component("sessionEvents")
class SessionEvents implements Consumer<Message<List<byte[]>>> {

	/** The binding this function is bound to. */
	static final String BINDING = "sessionEvents-in-0";

	private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

	private final JsonMapper json;

	private final SessionEventValidator validator;

	private final Membership membership;

	private final ViewerCountPublisher counts;

	private final SessionDeadLetters deadLetters;

	SessionEvents(JsonMapper json, SessionEventValidator validator, Membership membership, ViewerCountPublisher counts,
			SessionDeadLetters deadLetters) {
		this.json = json;
		this.validator = validator;
		this.membership = membership;
		this.counts = counts;
		this.deadLetters = deadLetters;
	}

	@Override
	public void accept(Message<List<byte[]>> batch) {
		Map<String, List<SessionEvent>> byRoom = new LinkedHashMap<>();
		for (SessionRecord record : SessionRecord.of(batch)) {
			SessionEvent event = read(record);
			if (event != null && counts(event)) {
				byRoom.computeIfAbsent(event.room(), (room) -> new ArrayList<>()).add(event);
			}
		}
		byRoom.forEach(this::apply);
	}

	private SessionEvent read(SessionRecord record) {
		try {
			if (record.value() == null) {
				throw new InvalidSessionEventException("a session event is required, the record has no value");
			}
			SessionEvent event = this.json.readValue(record.value(), SessionEvent.class);
			this.validator.validate(record.keyText(), event);
			return event;
		}
		catch (JacksonException | InvalidSessionEventException ex) {
			log.atWarn()
				.addKeyValue("room", record.keyText())
				.addKeyValue("offset", record.where())
				.addKeyValue("problem", ex.getMessage())
				.log("Unreadable session event sent to the dead-letter topic");
			this.deadLetters.send(record, ex);
			return null;
		}
	}

	private void apply(String room, List<SessionEvent> events) {
		MDC.put("room", room);
		try {
			RoomCount count = this.membership.apply(room, events);
			if (count.changed()) {
				this.counts.changed(room);
			}
		}
		finally {
			MDC.remove("room");
		}
	}

	private static boolean counts(SessionEvent event) {
		return event.type() == SessionEventType.HEARTBEAT || "viewer".equals(event.role());
	}

}
