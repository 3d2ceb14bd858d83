package dev.onair.gateway.signal;

import java.util.function.Consumer;

import dev.onair.contract.signal.SignalToClient;
import dev.onair.contract.ws.Answer;
import dev.onair.contract.ws.Ended;
import dev.onair.contract.ws.ErrorMessage;
import dev.onair.contract.ws.Ice;
import dev.onair.contract.ws.Layer;
import dev.onair.contract.ws.Offer;
import dev.onair.contract.ws.ServerMessage;
import dev.onair.gateway.kafka.RecordValue;
import dev.onair.gateway.session.Frames;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Delivers media-service's messages to the addressed session if this instance holds it
 * (in that room) or waits for its reply over HTTP ({@link AwaitedReplies}), or to every
 * local session of the room when none is addressed. The function behind
 * {@code signalToClients-in-0}, a fan-out binding (application.yml).
 */
@Component("signalToClients")
class SignalListener implements Consumer<Message<?>> {

	private final Sessions sessions;

	private final Frames frames;

	private final JsonMapper json;

	private final SignalLatency latency;

	private final AwaitedReplies awaited;

	SignalListener(Sessions sessions, Frames frames, JsonMapper json, SignalLatency latency, AwaitedReplies awaited) {
		this.sessions = sessions;
		this.awaited = awaited;
		this.frames = frames;
		this.json = json;
		this.latency = latency;
	}

	@Override
	public void accept(Message<?> record) {
		SignalToClient signal = this.json.readValue(RecordValue.of(record), SignalToClient.class);
		if (this.awaited.offer(signal)) {
			return;
		}
		byte[] frame = this.frames.write(toFrame(signal));
		if (signal.session() == null) {
			this.sessions.inRoom(signal.room()).forEach((session) -> session.send(frame));
			return;
		}
		Session session = this.sessions.get(signal.session());
		if (session != null && session.roleIn(signal.room()) != null) {
			session.send(frame);
			this.latency.delivered(signal);
		}
	}

	private static ServerMessage toFrame(SignalToClient signal) {
		return switch (signal) {
			case SignalToClient.Answer answer -> new Answer(answer.room(), answer.sdp());
			case SignalToClient.Offer offer -> new Offer(offer.room(), offer.sdp());
			case SignalToClient.Ice ice -> new Ice(ice.room(), ice.candidate());
			case SignalToClient.Layer layer -> new Layer(layer.room(), layer.layer(), layer.layers());
			case SignalToClient.Ended ended -> new Ended(ended.room());
			case SignalToClient.ErrorMessage error -> new ErrorMessage(error.code(), error.message(), null, null);
		};
	}

}
