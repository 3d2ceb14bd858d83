package dev.onair.edge.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes of the public origin: the REST API to its services (WHIP and WHEP to the
 * signaling gateways), {@code /ws} to the gateways. Request headers pass through
 * unchanged, in particular {@code Origin}: the gateways check it against their allow-list
 * on the WebSocket upgrade.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = SignalingGatewayInstances.SERVICE_ID, configuration = SignalingGatewayInstances.class)
class RoutingConfiguration {

	@Bean
	RouteLocator onairRoutes(RouteLocatorBuilder routes, RoutingProperties targets) {
		return routes.routes()
			// Before "broadcasts", which matches these paths too. Any instance will do: a
			// WHIP publication's or WHEP subscription's state is in Redis, so its PATCH
			// and DELETE need not reach the instance that took its offer.
			.route("whip",
					(r) -> r.order(-1)
						.path("/api/broadcasts/*/whip", "/api/broadcasts/*/whip/*", "/api/broadcasts/*/whep",
								"/api/broadcasts/*/whep/*")
						.uri("lb://" + SignalingGatewayInstances.SERVICE_ID))
			.route("broadcasts", (r) -> r.path("/api/broadcasts", "/api/broadcasts/**").uri(targets.broadcast()))
			.route("rooms", (r) -> r.path("/api/rooms/**").uri(targets.presence()))
			.route("search", (r) -> r.path("/api/search", "/api/search/**").uri(targets.search()))
			// Any instance will do: sessions resume on any gateway with their token, so
			// round robin without stickiness.
			.route("signaling", (r) -> r.path("/ws").uri("lb:ws://" + SignalingGatewayInstances.SERVICE_ID))
			.build();
	}

}
