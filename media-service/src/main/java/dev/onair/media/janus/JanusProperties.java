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
 * @param apiSecrets Janus {@code api_secret} ({@code JANUS_API_SECRET}); no default.
 * While it is rotated, the new one and the old one (comma-separated, new first): each
 * node gets the first it accepts, so nodes restarted with the new one and nodes still on
 * the old one both serve (docs/operations.md, "Secret rotation")
 * @param adminKeys VideoRoom {@code admin_key} ({@code JANUS_ADMIN_KEY}), sent with the
 * requests that create rooms and cascade them; no default; a list while rotated, as
 * {@code apiSecrets}
 * @param ping how often each node is pinged
 * @param downAfter a node that sent nothing for this long is marked down; a cut host's
 * WebSocket dies without a close event, so this is what detects it
 * @param requestTimeout how long one API request may take
 * @param sessionKeepalive keepalive period of the Janus sessions we hold (Janus drops
 * sessions after 60 s of silence)
 * @param trustedCertificates PEM file of the certificates a {@code wss://} node may
 * present (its own or its CA's; {@code JANUS_TRUSTED_CERTIFICATES}); blank: the JDK's
 * trust store
 */
@ConfigurationProperties("onair.janus")
public record JanusProperties(List<URI> wsUrls, List<String> apiSecrets, List<String> adminKeys,
		@DefaultValue("1s") Duration ping, @DefaultValue("3s") Duration downAfter,
		@DefaultValue("5s") Duration requestTimeout, @DefaultValue("20s") Duration sessionKeepalive,
		String trustedCertificates) {

	public JanusProperties {
		if (wsUrls == null || wsUrls.isEmpty()) {
			throw new IllegalArgumentException("onair.janus.ws-urls (JANUS_WS_URLS) names no Janus node");
		}
		apiSecrets = required(apiSecrets, "onair.janus.api-secrets (JANUS_API_SECRET)");
		adminKeys = required(adminKeys, "onair.janus.admin-keys (JANUS_ADMIN_KEY)");
		wsUrls = List.copyOf(wsUrls);
		trustedCertificates = (trustedCertificates == null || trustedCertificates.isBlank()) ? null
				: trustedCertificates.strip();
	}

	/** Whether every node's API is reached over TLS. */
	public boolean allSecure() {
		return this.wsUrls.stream().allMatch((url) -> "wss".equalsIgnoreCase(url.getScheme()));
	}

	private static List<String> required(List<String> values, String what) {
		List<String> set = (values != null) ? values.stream().map(String::strip).filter((v) -> !v.isEmpty()).toList()
				: List.of();
		if (set.isEmpty()) {
			throw new IllegalArgumentException(what + " is not set");
		}
		return set;
	}

}
