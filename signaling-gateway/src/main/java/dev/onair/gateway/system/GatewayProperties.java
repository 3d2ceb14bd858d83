package dev.onair.gateway.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed settings of one gateway instance ({@code onair.gateway.*}).
 *
 * @param id this instance's id (in presence events and fan-out group names;
 * {@code GATEWAY_ID}, random when not set: {@code GatewayApplication})
 * @param allowedOrigins browser origins allowed to open {@code /ws}
 * @param sessionTokenKey HMAC key of session tokens, shared by every instance
 * @param ownerTokenKeys keys of broadcast owner tokens, newest first (shared with
 * broadcast-service, which mints with the first)
 * @param turn TURN servers and credential settings
 * @param limits per-connection and per-address limits
 * @param proxies CIDR blocks of our proxies (edge-web, the Ingress controller), whose
 * {@code X-Forwarded-For} names the client the per-address limits count
 * @param chat chat rules
 * @param keepalive ping interval and idle timeout
 * @param drain shutdown behaviour
 * @param heartbeat how often presence heartbeats are sent
 * @param resumeGrace how long a vanished session may come back before it is reported gone
 * (and its media torn down): longer than the way in may be down, e.g. the only edge-web
 * restarting (13 s in the edge-web drill, where 10 s ended the broadcast)
 * @param canary the readiness round trip through Redis and Kafka
 * @param ice which ICE candidate addresses clients may give Janus
 * @param viewerCountInterval a room's sessions get its viewer count at most this often
 * @param awaitUnknownBroadcast how long a join waits for a broadcast created a moment ago
 * to arrive on {@code broadcast.state} before {@code room.not-found}
 */
@ConfigurationProperties("onair.gateway")
public record GatewayProperties(String id, @DefaultValue( {
		"http://127.0.0.1:8080", "http://localhost:8080" }) List<String> allowedOrigins, String sessionTokenKey,
		@DefaultValue List<String> ownerTokenKeys, @DefaultValue Turn turn, @DefaultValue Limits limits,
		@DefaultValue({ "127.0.0.0/8", "::1/128" }) List<String> proxies, @DefaultValue Chat chat,
		@DefaultValue Keepalive keepalive, @DefaultValue Drain drain, @DefaultValue("5s") Duration heartbeat,
		@DefaultValue("60s") Duration resumeGrace, @DefaultValue Canary canary, @DefaultValue Ice ice,
		@DefaultValue("500ms") Duration viewerCountInterval, @DefaultValue("2s") Duration awaitUnknownBroadcast){

	public GatewayProperties {
		if (id == null || id.isBlank()) {
			// Instances without an id would share their fan-out groups.
			throw new IllegalArgumentException("onair.gateway.id (GATEWAY_ID) must not be blank");
		}
		if (sessionTokenKey == null || sessionTokenKey.length() < 32) {
			throw new IllegalArgumentException("SESSION_TOKEN_KEY must be set (at least 32 characters)");
		}
	}

	/**
	 * @param urls TURN URLs, e.g. {@code turn:10.203.1.2:3478?transport=udp}
	 * @param secret coturn's {@code static-auth-secret}
	 * @param ttl lifetime of minted credentials
	 */
	public record Turn(@DefaultValue List<String> urls, String secret, @DefaultValue("10m") Duration ttl) {

		public Turn {
			// Without the secret, credentials cannot be minted: sessions behind NAT would
			// silently get no TURN at all.
			if (!urls.isEmpty() && (secret == null || secret.split(",", 2)[0].isBlank())) {
				throw new IllegalArgumentException("TURN_SECRET must be set when TURN_URLS is (" + urls + ")");
			}
		}

		/**
		 * The secret credentials are signed with: the first of {@code TURN_SECRET}, which
		 * lists the new secret first during a rotation while coturn accepts every one
		 * (docs/operations.md, "Secret rotation").
		 */
		public String signingSecret() {
			return this.secret.split(",", 2)[0].strip();
		}

	}

	/**
	 * @param maxFrameBytes largest accepted text frame
	 * @param frames frames allowed per connection within {@code framesWindow}
	 * @param framesWindow window of the frame rate limit
	 * @param rooms rooms one session may be in at once
	 * @param connectionsPerAddress open connections one client address may hold on this
	 * instance (IPv6: one /64)
	 * @param unlimitedNetworks CIDR blocks of clients the per-address limit does not
	 * count: loopback by default, where the load benchmarks connect from
	 */
	public record Limits(@DefaultValue("65536") int maxFrameBytes, @DefaultValue("100") int frames,
			@DefaultValue("2s") Duration framesWindow, @DefaultValue("4") int rooms,
			@DefaultValue("200") int connectionsPerAddress, @DefaultValue( {
					"127.0.0.0/8", "::1/128" }) List<String> unlimitedNetworks){

	}

	/**
	 * @param messages chat messages allowed per session within {@code window}
	 * @param window window of the chat rate limit
	 * @param history messages a join without {@code since} gets
	 * @param kept messages kept per room: a join with {@code since} gets every one after
	 * it, so a client away for up to this many messages misses none
	 * @param sinceOverlap a join with {@code since} also gets the kept messages sent up
	 * to this long before it (see {@code ChatHistory#since})
	 */
	public record Chat(@DefaultValue("5") int messages, @DefaultValue("10s") Duration window,
			@DefaultValue("50") int history, @DefaultValue("500") int kept,
			@DefaultValue("10s") Duration sinceOverlap) {

	}

	/**
	 * @param ping how often the gateway pings each connection
	 * @param idleTimeout a connection silent (pongs included) this long is closed
	 */
	public record Keepalive(@DefaultValue("10s") Duration ping, @DefaultValue("20s") Duration idleTimeout) {

	}

	/**
	 * @param interval how often a trip starts
	 * @param timeout a trip slower than this failed
	 * @param failAfter with no successful trip for this long, the instance is not ready
	 */
	public record Canary(@DefaultValue("2s") Duration interval, @DefaultValue("3s") Duration timeout,
			@DefaultValue("5s") Duration failAfter) {

	}

	/**
	 * @param deniedNetworks CIDR blocks clients may not name as candidates, besides
	 * loopback, link-local and multicast (always denied): the deployment's internal
	 * networks, e.g. pod, service and node ranges
	 */
	public record Ice(@DefaultValue List<String> deniedNetworks) {

	}

	/**
	 * @param maxJitter {@code reconnect.afterMs} is spread over 0..maxJitter
	 * @param maxWait how long shutdown waits for clients to leave before closing them
	 */
	public record Drain(@DefaultValue("2s") Duration maxJitter, @DefaultValue("10s") Duration maxWait) {

	}

}
