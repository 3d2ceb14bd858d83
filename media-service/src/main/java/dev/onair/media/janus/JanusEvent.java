package dev.onair.media.janus;

import tools.jackson.databind.JsonNode;

import dev.onair.contract.signal.IceCandidate;

/**
 * Something Janus told us without being asked (or after acknowledging a request):
 * {@code webrtcup}, {@code media}, {@code slowlink}, {@code hangup}, {@code detached},
 * {@code trickle} or a plugin {@code event}.
 *
 * @param node the node it came from
 * @param kind the {@code janus} field
 * @param session Janus session id
 * @param handle Janus handle id ({@code sender})
 * @param body the whole message
 */
public record JanusEvent(JanusNode node, String kind, long session, long handle, JsonNode body) {

	/**
	 * The candidate of a {@code trickle} event; {@code null} when Janus says it has no
	 * more ({@code completed}).
	 */
	public IceCandidate candidate() {
		JsonNode candidate = this.body.path("candidate");
		if (candidate.isMissingNode() || candidate.path("completed").asBoolean(false)) {
			return null;
		}
		JsonNode index = candidate.path("sdpMLineIndex");
		return new IceCandidate(candidate.path("candidate").asString(), candidate.path("sdpMid").asString(null),
				index.isMissingNode() ? null : index.asInt());
	}

}
