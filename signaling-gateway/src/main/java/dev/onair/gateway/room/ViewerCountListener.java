package dev.onair.gateway.room;

import dev.onair.contract.Topics;
import dev.onair.contract.presence.ViewerCount;
import dev.onair.contract.ws.Viewers;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Sessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Pushes presence-service's viewer counts to the room's sessions held here. */
@Component
class ViewerCountListener {

	private final Sessions sessions;

	private final Frames frames;

	private final JsonMapper json;

	ViewerCountListener(Sessions sessions, Frames frames, JsonMapper json) {
		this.sessions = sessions;
		this.frames = frames;
		this.json = json;
	}

	@KafkaListener(topics = "${onair.kafka.prefix:}" + Topics.PRESENCE_VIEWER_COUNTS,
			groupId = "#{@fanOut.group('viewers')}")
	void onViewerCount(String value) {
		ViewerCount count = this.json.readValue(value, ViewerCount.class);
		String frame = this.frames.write(new Viewers(count.room(), count.viewers()));
		this.sessions.inRoom(count.room()).forEach((session) -> session.send(frame));
	}

}
