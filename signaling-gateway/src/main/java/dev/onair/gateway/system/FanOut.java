package dev.onair.gateway.system;

/**
 * Names the consumer groups of this instance's fan-out listeners: each instance reads
 * every partition of the topics it fans out, so its groups must be its own. Used in
 * listener annotations as {@code groupId = "#{@fanOut.group('chat')}"}.
 *
 * @param base {@code <prefix>signaling-gateway-<instance id>}
 */
public record FanOut(String base) {

	public String group(String stream) {
		return this.base + "-" + stream;
	}

}
