package dev.onair.edge.routing;

import java.net.URI;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer's view of the signaling gateways: the fixed list from
 * {@code GATEWAY_URLS} (on Kubernetes, one Service address). Deliberately not a
 * {@code @Configuration}: it is used only by the load balancer's child context for this
 * one client, so component scanning must not register it globally.
 */
class SignalingGatewayInstances {

	static final String SERVICE_ID = "signaling-gateway";

	@Bean
	ServiceInstanceListSupplier signalingGateways(RoutingProperties targets) {
		return ServiceInstanceListSuppliers.from(SERVICE_ID, instances(targets.gateways()));
	}

	static ServiceInstance[] instances(List<URI> gateways) {
		return gateways.stream()
			.map((uri) -> new DefaultServiceInstance(uri.getHost() + ":" + uri.getPort(), SERVICE_ID, uri.getHost(),
					uri.getPort(), "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme())))
			.toArray(ServiceInstance[]::new);
	}

}
