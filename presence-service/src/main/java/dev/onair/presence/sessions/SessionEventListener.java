package dev.onair.presence.sessions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.SessionEvent;
import dev.onair.contract.presence.SessionEventType;
import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.RoomCount;
import dev.onair.presence.viewers.ViewerCountPublisher;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Applies the gateways' facts to membership, one Redis step per room per poll: records
 * are grouped by room in partition order, so per-room order holds while a join storm
 * costs one round trip instead of thousands. A record that cannot be read goes to the
 * dead-letter topic on its own; a failing batch is retried whole, which is safe because
 * applying membership twice changes nothing. Publishers are not viewers: their joins and
 * leaves are dropped.
 */
@Component
class SessionEventListener {

	/** Listener container id, e.g. to pause consumption. */
	static final String ID = "presence-sessions";

	private static final Logger log = LoggerFactory.getLogger(SessionEventListener.class);

	private final JsonMapper json;

	private final SessionEventValidator validator;

	private final Membership membership;

	private final ViewerCountPublisher counts;

	private final ConsumerRecordRecoverer deadLetters;

	SessionEventListener(JsonMapper json, SessionEventValidator validator, Membership membership,
			ViewerCountPublisher counts, ConsumerRecordRecoverer deadLetters) {
		this.json = json;
		this.validator = validator;
		this.membership = membership;
		this.counts = counts;
		this.deadLetters = deadLetters;
	}

	@KafkaListener(id = SessionEventListener.ID, topics = "${onair.kafka.prefix:}" + Topics.PRESENCE_SESSIONS,
			groupId = "${onair.kafka.prefix:}${spring.application.name}", batch = "true")
	void onSessionEvents(List<ConsumerRecord<String, String>> records) {
		Map<String, List<SessionEvent>> byRoom = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			SessionEvent event = read(record);
			if (event != null && counts(event)) {
				byRoom.computeIfAbsent(event.room(), (room) -> new ArrayList<>()).add(event);
			}
		}
		byRoom.forEach(this::apply);
	}

	private SessionEvent read(ConsumerRecord<String, String> record) {
		try {
			SessionEvent event = this.json.readValue(record.value(), SessionEvent.class);
			this.validator.validate(record.key(), event);
			return event;
		}
		catch (JacksonException | InvalidSessionEventException ex) {
			log.atWarn()
				.addKeyValue("room", record.key())
				.addKeyValue("offset", record.topic() + "-" + record.partition() + "@" + record.offset())
				.addKeyValue("problem", ex.getMessage())
				.log("Unreadable session event sent to the dead-letter topic");
			this.deadLetters.accept(record, ex);
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
