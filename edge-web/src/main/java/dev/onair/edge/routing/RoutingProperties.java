package dev.onair.edge.routing;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each routed service answers. Defaults are the local stack's loopback ports;
 * {@code BROADCAST_URL}, {@code PRESENCE_URL}, {@code SEARCH_URL} and
 * {@code GATEWAY_URLS} (comma-separated) override them.
 *
 * @param broadcast broadcast-service, for {@code /api/broadcasts/**}
 * @param presence presence-service, for {@code /api/rooms/**}
 * @param search search-service, for {@code /api/search/**}
 * @param gateways every signaling-gateway instance, for {@code /ws} and WHIP
 */
@ConfigurationProperties("onair.edge.routing")
record RoutingProperties(URI broadcast, URI presence, URI search, List<URI> gateways) {

	RoutingProperties {
		if (gateways == null || gateways.isEmpty()) {
			throw new IllegalArgumentException(
					"onair.edge.routing.gateways (GATEWAY_URLS) must name at least one gateway");
		}
		gateways = List.copyOf(gateways);
	}

}
