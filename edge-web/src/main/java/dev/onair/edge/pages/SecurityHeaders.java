package dev.onair.edge.pages;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Headers that make the pages safe by default: scripts only from this origin (no inline
 * script, so injected markup cannot run), no MIME sniffing, no referrer beyond the
 * origin, no framing. Media and camera frames never leave as URLs, so {@code blob:} is
 * the only extra source.
 */
@Component
class SecurityHeaders implements WebFilter {

	static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'", "script-src 'self'",
			"style-src 'self'", "img-src 'self' data: blob:", "media-src 'self' blob:", "connect-src 'self'",
			"object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
			headers.set("X-Frame-Options", "DENY");
			headers.set("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self)");
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
