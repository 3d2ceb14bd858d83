package dev.onair.edge.routing;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A problem document (RFC 9457) that edge-web answers itself instead of a service's
 * answer. Its texts are the constants of the callers, written as they are.
 *
 * @param status the response status
 * @param type the problem type, {@code urn:onair:problem:...}
 * @param title short summary
 * @param detail what the client can do
 */
record EdgeProblem(HttpStatus status, String type, String title, String detail) {

	Mono<Void> writeTo(ServerHttpResponse response) {
		response.setStatusCode(this.status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = """
				{"type":"%s","title":"%s","status":%d,"detail":"%s"}"""
			.formatted(this.type, this.title, this.status.value(), this.detail)
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
