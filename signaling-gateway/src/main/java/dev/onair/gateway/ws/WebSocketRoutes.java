package dev.onair.gateway.ws;

import java.util.Map;

import dev.onair.gateway.system.GatewayProperties;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * Maps {@code /ws}. The transport accepts frames up to four times the protocol limit, so
 * a frame just over the limit gets a precise {@code frame.too-large} error instead of a
 * closed connection.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketRoutes implements WebFluxConfigurer {

	static final String PATH = "/ws";

	private final GatewayProperties properties;

	WebSocketRoutes(GatewayProperties properties) {
		this.properties = properties;
	}

	@Bean
	HandlerMapping webSocketMapping(GatewayWebSocketHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of(PATH, handler), -1);
	}

	@Override
	public WebSocketService getWebSocketService() {
		int transportLimit = this.properties.limits().maxFrameBytes() * 4;
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(transportLimit)));
	}

}
