package dev.onair.media.janus;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Janus nodes are and how closely they are watched.
 *
 * @param wsUrls the WebSocket API address of every Janus node ({@code JANUS_WS_URLS})
 * @param apiSecret Janus {@code api_secret} ({@code JANUS_API_SECRET}); no default
 * @param adminKey VideoRoom {@code admin_key} ({@code JANUS_ADMIN_KEY}), sent with the
 * requests that create rooms and cascade them; no default
 * @param ping how often each node is pinged
 * @param downAfter a node that sent nothing for this long is marked down; a cut host's
 * WebSocket dies without a close event, so this is what detects it
 * @param requestTimeout how long one API request may take
 * @param sessionKeepalive keepalive period of the Janus sessions we hold (Janus drops
 * sessions after 60 s of silence)
 */
@ConfigurationProperties("onair.janus")
public record JanusProperties(List<URI> wsUrls, String apiSecret, String adminKey, @DefaultValue("1s") Duration ping,
		@DefaultValue("3s") Duration downAfter, @DefaultValue("5s") Duration requestTimeout,
		@DefaultValue("20s") Duration sessionKeepalive) {

	public JanusProperties {
		if (wsUrls == null || wsUrls.isEmpty()) {
			throw new IllegalArgumentException("onair.janus.ws-urls (JANUS_WS_URLS) names no Janus node");
		}
		if (apiSecret == null || apiSecret.isBlank()) {
			throw new IllegalArgumentException("onair.janus.api-secret (JANUS_API_SECRET) is not set");
		}
		if (adminKey == null || adminKey.isBlank()) {
			throw new IllegalArgumentException("onair.janus.admin-key (JANUS_ADMIN_KEY) is not set");
		}
		wsUrls = List.copyOf(wsUrls);
	}

}
