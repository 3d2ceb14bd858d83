package dev.onair.edge.limits;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * The WebSocket service Spring Cloud Gateway proxies {@code /ws} through: its own (a
 * plain handshake service), with every proxied connection counted by
 * {@link ConnectionLimit} for as long as it is open. Primary, since Gateway declares one
 * unconditionally. Every connection of the server closes lingering
 * ({@link LingeringClose}).
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	@Primary
	WebSocketService countingWebSocketService(RequestUpgradeStrategy upgrades, ConnectionLimit limit) {
		HandshakeWebSocketService handshakes = new HandshakeWebSocketService(upgrades);
		return (exchange, handler) -> handshakes.handleRequest(exchange, limit.counted(handler));
	}

	@Bean
	NettyServerCustomizer lingeringClose() {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> channel.pipeline()
			.addFirst("onair.lingering-close", new LingeringClose()));
	}

}
