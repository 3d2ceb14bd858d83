package dev.onair.gateway.health;

import java.util.function.Consumer;

import dev.onair.gateway.kafka.RecordValue;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Reads the canary's pings back: the function behind {@code gatewayCanary-in-0}, a
 * fan-out binding (application.yml), so a trip takes the path every chat message and
 * signal takes.
 */
@Component("gatewayCanary")
class CanaryPings implements Consumer<Message<?>> {

	private final Canary canary;

	private final JsonMapper json;

	CanaryPings(Canary canary, JsonMapper json) {
		this.canary = canary;
		this.json = json;
	}

	@Override
	public void accept(Message<?> record) {
		this.canary.returned(this.json.readValue(RecordValue.of(record), CanaryPing.class));
	}

}
