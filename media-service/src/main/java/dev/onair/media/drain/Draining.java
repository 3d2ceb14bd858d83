package dev.onair.media.drain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.onair.contract.signal.SignalToMedia;
import dev.onair.media.janus.JanusNode;
import dev.onair.media.janus.JanusNodes;
import dev.onair.media.placement.NodeLoad;
import dev.onair.media.placement.Placement;
import dev.onair.media.rooms.Room;
import dev.onair.media.rooms.Rooms;
import dev.onair.media.viewers.Moves;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Drains a Janus node: placement stops giving it rooms and viewers, and each of its
 * viewers is asked to move with a {@code move} signal on {@code signal.to-media}, keyed
 * by room like every signal, so the instance owning the room moves it in order with the
 * room's other signals (docs/media.md, "Draining a node"). A room whose origin is the
 * node keeps its publisher there: the drain reports it, and the node can go once those
 * broadcasts ended. Runs on the caller's thread, which may wait (actuator operations run
 * on {@code boundedElastic}): each move goes out through the {@code signalsToMedia-out-0}
 * binding, which waits for Kafka's acknowledgement (application.yml: {@code sync}, up to
 * 10 s).
 */
@Component
class Draining {

	private static final Logger log = LoggerFactory.getLogger(Draining.class);

	/** The output binding to {@code signal.to-media}. */
	private static final String SIGNALS = "signalsToMedia-out-0";

	private final JanusNodes nodes;

	private final Placement placement;

	private final Rooms rooms;

	private final Moves moves;

	private final StreamBridge bridge;

	private final JsonMapper json;

	Draining(JanusNodes nodes, Placement placement, Rooms rooms, Moves moves, StreamBridge bridge, JsonMapper json) {
		this.nodes = nodes;
		this.placement = placement;
		this.rooms = rooms;
		this.moves = moves;
		this.bridge = bridge;
		this.json = json;
	}

	/** Marks the node draining and asks for each of its viewers to be moved. */
	NodeState drain(String host) {
		JanusNode node = node(host);
		this.placement.drain(node.id());
		int moves = 0;
		for (String room : this.rooms.stored()) {
			for (String session : this.moves.viewersOn(room, node.id())) {
				send(new SignalToMedia.Move(room, session, null, "viewer", Instant.now()));
				moves++;
			}
		}
		log.info("Draining Janus node {}: {} viewers asked to move", node.id(), moves);
		return state(node);
	}

	void undrain(String host) {
		JanusNode node = node(host);
		this.placement.undrain(node.id());
		log.info("Janus node {} takes rooms and viewers again", node.id());
	}

	List<NodeState> states() {
		return this.nodes.all().stream().map(this::state).toList();
	}

	private NodeState state(JanusNode node) {
		NodeLoad load = this.placement.loads()
			.stream()
			.filter((candidate) -> candidate.node().equals(node.id()))
			.findFirst()
			.orElseThrow();
		List<String> origins = new ArrayList<>();
		for (String room : this.rooms.stored()) {
			this.rooms.stored(room).map(Room::node).filter(node.id()::equals).ifPresent((origin) -> origins.add(room));
		}
		return new NodeState(node.host(), node.id(), load.up(), load.draining(), load.viewers(), origins);
	}

	private JanusNode node(String host) {
		return this.nodes.all()
			.stream()
			.filter((node) -> node.host().equals(host))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No Janus node at " + host));
	}

	private void send(SignalToMedia.Move move) {
		try {
			this.bridge.send(SIGNALS,
					MessageBuilder.withPayload(this.json.writeValueAsBytes(move))
						.setHeader(KafkaHeaders.KEY, move.room().getBytes(StandardCharsets.UTF_8))
						.build());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Kafka did not take the move of " + move.session(), ex);
		}
	}

	/**
	 * A node as the drain command shows it.
	 *
	 * @param host its private address (what the command names)
	 * @param node its id
	 * @param up whether media-service hears from it
	 * @param draining whether it takes no new rooms and viewers
	 * @param viewers viewers subscribed on it (0: its viewers have moved)
	 * @param originOf rooms whose publisher is on it: it carries them until they end
	 */
	record NodeState(String host, String node, boolean up, boolean draining, long viewers, List<String> originOf) {
	}

}
