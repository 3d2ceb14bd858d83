package dev.onair.media.drain;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/drain} on the management port (never public): {@code GET} every node's
 * state, {@code POST /actuator/drain/<host>} drains the node at that private address,
 * {@code DELETE /actuator/drain/<host>} undrains it. {@code ./onair media-drain} calls
 * it.
 */
@Component
@Endpoint(id = "drain")
class DrainEndpoint {

	private final Draining draining;

	DrainEndpoint(Draining draining) {
		this.draining = draining;
	}

	@ReadOperation
	List<Draining.NodeState> nodes() {
		return this.draining.states();
	}

	@WriteOperation
	Draining.NodeState drain(@Selector String host) {
		return this.draining.drain(host);
	}

	@DeleteOperation
	void undrain(@Selector String host) {
		this.draining.undrain(host);
	}

}
