package dev.onair.edge.routing;

import java.net.URI;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The load balancer's view of the signaling gateways: those of the fixed list from
 * {@code GATEWAY_URLS} (on Kubernetes, one Service address) whose readiness answered the
 * last check (every second, {@code spring.cloud.loadbalancer.health-check}). A killed or
 * draining instance otherwise kept getting every other new connection, which edge-web
 * then closes at once, and the web client backs off longer after each: in the gateway
 * kill drill one viewer came back after the 50 messages of chat history a resume replays.
 * Deliberately not a {@code @Configuration}: it is used only by the load balancer's child
 * context for this one client, so component scanning must not register it globally.
 */
class SignalingGatewayInstances {

	static final String SERVICE_ID = "signaling-gateway";

	@Bean
	ServiceInstanceListSupplier signalingGateways(RoutingProperties targets, ConfigurableApplicationContext context) {
		return ServiceInstanceListSupplier.builder()
			.withBase(ServiceInstanceListSuppliers.from(SERVICE_ID, instances(targets.gateways())))
			.withHealthChecks(WebClient.create())
			.build(context);
	}

	static ServiceInstance[] instances(List<URI> gateways) {
		return gateways.stream()
			.map((uri) -> new DefaultServiceInstance(uri.getHost() + ":" + uri.getPort(), SERVICE_ID, uri.getHost(),
					uri.getPort(), "https".equals(uri.getScheme()) || "wss".equals(uri.getScheme())))
			.toArray(ServiceInstance[]::new);
	}

}
