package dev.onair.media.janus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.onair.contract.signal.IceCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The Janus core and VideoRoom plugin requests media-service uses. A method blocks for at
 * most the request timeout and throws {@link JanusException} on failure, unless it says
 * it does not wait.
 */
@Component
public class VideoRoom {

	private static final Logger log = LoggerFactory.getLogger(VideoRoom.class);

	/** Janus VideoRoom: the room already exists. */
	private static final int ROOM_EXISTS = 427;

	/** Both simulcast layers fit: the demo rooms' 128 kbps would starve 720p. */
	private static final int ROOM_BITRATE = 3_000_000;

	/**
	 * Seconds without a keyframe after which Janus asks the publisher for one: only a
	 * safety net. Switches and new viewers get theirs on request (Janus's own, and
	 * media-service's follow-up when the browser dropped that one); every periodic
	 * keyframe also opens a 300 ms window in which the browser ignores requests, which
	 * with 1 s here delayed about one switch in five.
	 */
	private static final int KEYFRAME_INTERVAL = 10;

	private final JanusNodes nodes;

	/**
	 * Janus VideoRoom: {@code JANUS_VIDEOROOM_ERROR_UNAUTHORIZED}, e.g. a wrong admin
	 * key.
	 */
	private static final int UNAUTHORIZED = 433;

	private final List<String> adminKeys;

	/** Per node, the index of the admin key it accepted last. */
	private final Map<String, Integer> adminKeyOf = new ConcurrentHashMap<>();

	VideoRoom(JanusNodes nodes, JanusProperties properties) {
		this.nodes = nodes;
		this.adminKeys = properties.adminKeys();
	}

	/** A new Janus session with one VideoRoom handle on it. */
	public JanusHandle open(JanusNode node) {
		long session = node.call(node.request("create")).path("data").path("id").asLong();
		return attach(node, session);
	}

	/** Another VideoRoom handle on an existing session. */
	public JanusHandle attach(JanusNode node, long session) {
		ObjectNode attach = node.request("attach").put("session_id", session).put("plugin", "janus.plugin.videoroom");
		return new JanusHandle(node, session, node.call(attach).path("data").path("id").asLong());
	}

	/** Makes this connection the session's owner, so its events come to us. */
	public void claim(JanusNode node, long session) {
		node.call(node.request("claim").put("session_id", session));
	}

	/**
	 * Keeps a session alive without waiting: the future completes with Janus's
	 * acknowledgement or fails with {@link JanusException}.
	 */
	public CompletableFuture<?> keepalive(JanusNode node, long session) {
		return node.tellLater(node.request("keepalive").put("session_id", session));
	}

	/**
	 * Without waiting, one last keepalive for a session handed over to another instance,
	 * so the next owner has Janus's whole reclaim timeout from now to claim it: counted
	 * from the keepalive before (up to 20 s earlier), it ran out before the only
	 * instance, restarted in a rolling deploy, was up again (drill rolling-restart).
	 */
	public void keepForClaim(String node, long session) {
		JanusNode live = liveNode(node);
		if (live != null) {
			keepalive(live, session).whenComplete((ack, ex) -> {
				if (ex != null) {
					log.warn("Last keepalive of session {} on {} failed: {}", session, node, ex.getMessage());
				}
			});
		}
	}

	/**
	 * Detaches without waiting: a viewer leaving a node that stopped answering must not
	 * hold its room's signals for the request timeout.
	 */
	public CompletableFuture<?> detachLater(JanusHandle handle) {
		JanusNode node = handle.node();
		return node
			.tellLater(node.request("detach").put("session_id", handle.session()).put("handle_id", handle.handle()));
	}

	public void detach(JanusHandle handle) {
		JanusNode node = handle.node();
		node.call(node.request("detach").put("session_id", handle.session()).put("handle_id", handle.handle()));
	}

	public void destroySession(JanusNode node, long session) {
		node.call(node.request("destroy").put("session_id", session));
	}

	/** Trickles one candidate; {@code null} tells Janus the client has no more. */
	public void trickle(JanusHandle handle, IceCandidate candidate) {
		JanusNode node = handle.node();
		ObjectNode request = node.request("trickle")
			.put("session_id", handle.session())
			.put("handle_id", handle.handle());
		ObjectNode body = request.putObject("candidate");
		if (candidate == null) {
			body.put("completed", true);
		}
		else {
			body.put("candidate", candidate.candidate()).put("sdpMid", candidate.sdpMid());
			if (candidate.sdpMLineIndex() != null) {
				body.put("sdpMLineIndex", candidate.sdpMLineIndex());
			}
		}
		node.tell(request);
	}

	/**
	 * Video codecs a room takes, in Janus's order of preference: a browser offering both
	 * publishes VP8 (one keyframe request refreshes every simulcast layer), OBS and other
	 * WHIP encoders send H.264 only.
	 */
	static final String VIDEO_CODECS = "vp8,h264";

	/**
	 * Creates the broadcast's room unless it exists: VP8 or H.264, Opus, one publisher.
	 */
	public void createRoom(JanusHandle handle, String room) {
		ObjectNode body = adminRequest(handle, "create");
		body.put("room", room)
			.put("publishers", 1)
			.put("bitrate", ROOM_BITRATE)
			.put("fir_freq", KEYFRAME_INTERVAL)
			.put("videocodec", VIDEO_CODECS)
			.put("audiocodec", "opus")
			.put("notify_joining", false);
		try {
			message(handle, body, null);
		}
		catch (JanusException ex) {
			if (ex.code() != ROOM_EXISTS) {
				throw ex;
			}
		}
	}

	public void destroyRoom(JanusHandle handle, String room) {
		ObjectNode body = adminRequest(handle, "destroy").put("room", room);
		message(handle, body, null);
	}

	/** Joins the room as its publisher with the browser's offer. */
	public Published publish(JanusHandle handle, String room, String display, String offer) {
		ObjectNode body = handle.node().json().createObjectNode();
		body.put("request", "joinandconfigure").put("ptype", "publisher").put("room", room).put("display", display);
		JsonNode answer = message(handle, body, jsep(handle, "offer", offer));
		return new Published(answer.path("plugindata").path("data").path("id").asString(),
				answer.path("jsep").path("sdp").asString());
	}

	/**
	 * Whether Janus lists {@code feed} as publishing in the room right now: the state of
	 * the publisher's connection as Janus has it, for an instance that did not hear its
	 * last events.
	 */
	public boolean publishing(JanusHandle handle, String room, String feed) {
		ObjectNode body = handle.node().json().createObjectNode().put("request", "listparticipants").put("room", room);
		for (JsonNode participant : message(handle, body, null).path("plugindata").path("data").path("participants")) {
			if (participant.path("id").asString().equals(feed)) {
				return participant.path("publisher").asBoolean();
			}
		}
		return false;
	}

	/** Subscribes to the room's publisher; Janus offers. */
	public Subscribed subscribe(JanusHandle handle, String room, String feed) {
		ObjectNode body = handle.node().json().createObjectNode();
		body.put("request", "join").put("ptype", "subscriber").put("room", room);
		body.putArray("streams").addObject().put("feed", feed);
		JsonNode attached = message(handle, body, null);
		List<String> videoMids = new ArrayList<>();
		for (JsonNode stream : attached.path("plugindata").path("data").path("streams")) {
			if (stream.path("type").asString("").equals("video")) {
				videoMids.add(stream.path("mid").asString());
			}
		}
		String videoMid = videoMids.isEmpty() ? null : videoMids.getFirst();
		return new Subscribed(attached.path("jsep").path("sdp").asString(), videoMid);
	}

	/** The subscriber's answer: media starts. */
	public void start(JanusHandle handle, String answer) {
		ObjectNode body = handle.node().json().createObjectNode().put("request", "start");
		message(handle, body, jsep(handle, "answer", answer));
	}

	/** Switches a subscriber to simulcast substream {@code substream} (0 = lowest). */
	public void substream(JanusHandle handle, String mid, int substream) {
		ObjectNode body = handle.node().json().createObjectNode().put("request", "configure");
		body.putArray("streams").addObject().put("mid", mid).put("substream", substream);
		message(handle, body, null);
	}

	/**
	 * Asks a publisher for a keyframe (Janus sends it a PLI) without waiting: the future
	 * completes with Janus's acknowledgement.
	 */
	public CompletableFuture<?> requestKeyframe(JanusHandle publisher) {
		JanusNode node = publisher.node();
		ObjectNode request = node.request("message")
			.put("session_id", publisher.session())
			.put("handle_id", publisher.handle());
		request.putObject("body").put("request", "configure").put("keyframe", true);
		return node.tellLater(request);
	}

	/**
	 * Makes the room on this (edge) node carry a publisher of another node: Janus opens a
	 * plain-RTP port pair for it. The streams mirror the origin's m-lines in order, as
	 * Janus matches forwarded RTP to them by position; each stream's codec is the one the
	 * origin negotiated with the publisher.
	 */
	public RemotePublisher addRemotePublisher(JanusHandle handle, String room, String display, List<Track> tracks) {
		ObjectNode body = adminRequest(handle, "add_remote_publisher").put("room", room).put("display", display);
		var streams = body.putArray("streams");
		int mindex = 0;
		for (Track track : tracks) {
			String type = switch (track.type()) {
				case "audio", "video" -> track.type();
				default -> "data";
			};
			ObjectNode stream = streams.addObject()
				.put("type", type)
				.put("mindex", mindex++)
				.put("mid", track.mid())
				.put("disabled", !track.active());
			if (type.equals("audio")) {
				stream.put("codec", "opus");
			}
			else if (type.equals("video")) {
				stream.put("codec", (track.codec() != null) ? track.codec() : "vp8")
					.put("simulcast", track.simulcast());
			}
		}
		JsonNode data = message(handle, body, null).path("plugindata").path("data");
		return new RemotePublisher(data.path("id").asString(), data.path("port").asInt(),
				data.path("rtcp_port").asInt());
	}

	public void removeRemotePublisher(JanusHandle handle, String room, String feed) {
		ObjectNode body = adminRequest(handle, "remove_remote_publisher").put("room", room).put("id", feed);
		message(handle, body, null);
	}

	/**
	 * Forwards the local publisher {@code feed} (both simulcast layers) to a remote
	 * publisher on another node; {@code remoteId} names the forward for
	 * {@link #unpublishRemotely}.
	 */
	public void publishRemotely(JanusHandle handle, String room, String feed, String remoteId, String host,
			RemotePublisher target) {
		ObjectNode body = adminRequest(handle, "publish_remotely").put("room", room)
			.put("publisher_id", feed)
			.put("remote_id", remoteId)
			.put("host", host)
			.put("port", target.port())
			.put("rtcp_port", target.rtcpPort());
		message(handle, body, null);
	}

	public void unpublishRemotely(JanusHandle handle, String room, String feed, String remoteId) {
		ObjectNode body = adminRequest(handle, "unpublish_remotely").put("room", room)
			.put("publisher_id", feed)
			.put("remote_id", remoteId);
		message(handle, body, null);
	}

	/**
	 * A VideoRoom request that only media-service may make: it carries the
	 * {@code admin_key}, without which Janus creates no room (and, with
	 * {@code lock_rtp_forward}, forwards nothing to another node).
	 */
	private ObjectNode adminRequest(JanusHandle handle, String request) {
		String key = this.adminKeys.get(this.adminKeyOf.getOrDefault(handle.node().id(), 0));
		return handle.node().json().createObjectNode().put("request", request).put("admin_key", key);
	}

	/** The id of a node by the id stored in state, if it is still configured and up. */
	public JanusNode liveNode(String id) {
		return this.nodes.byId(id).filter(JanusNode::up).orElse(null);
	}

	/**
	 * Sends a VideoRoom message; one with an admin key that the node refuses is sent
	 * again with the next key, until each was tried once: while the key is rotated,
	 * restarted nodes accept the new one and the others still the old one.
	 */
	private JsonNode message(JanusHandle handle, ObjectNode body, ObjectNode jsep) {
		JanusNode node = handle.node();
		for (int tries = 1;; tries++) {
			ObjectNode request = node.request("message")
				.put("session_id", handle.session())
				.put("handle_id", handle.handle());
			request.set("body", body);
			if (jsep != null) {
				request.set("jsep", jsep);
			}
			try {
				return node.call(request);
			}
			catch (JanusException ex) {
				if (ex.code() != UNAUTHORIZED || !body.has("admin_key") || tries >= this.adminKeys.size()) {
					throw ex;
				}
				int refused = this.adminKeys.indexOf(body.path("admin_key").asString());
				int next = (refused + 1) % this.adminKeys.size();
				log.info("Janus node {} refused admin key {} of {}; trying the next", node.id(), refused + 1,
						this.adminKeys.size());
				this.adminKeyOf.put(node.id(), next);
				body.put("admin_key", this.adminKeys.get(next));
			}
		}
	}

	private static ObjectNode jsep(JanusHandle handle, String type, String sdp) {
		return handle.node().json().createObjectNode().put("type", type).put("sdp", sdp);
	}

	/** Janus's answer to a publisher and the feed id it gave it. */
	public record Published(String feed, String answer) {
	}

	/** A remote publisher on an edge: its feed id there and where its RTP goes. */
	public record RemotePublisher(String feed, int port, int rtcpPort) {
	}

	/** Janus's offer to a subscriber and the mid of its video stream. */
	public record Subscribed(String offer, String videoMid) {
	}

}
