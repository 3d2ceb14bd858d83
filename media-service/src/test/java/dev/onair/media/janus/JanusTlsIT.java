package dev.onair.media.janus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stack's Janus serves its API over TLS only, and media-service's client talks to it
 * only when the node presents the certificate media-service trusts, under the name of the
 * URL's host: the API secret never crosses the network in clear text or to an impostor.
 */
@RealInfrastructure(Needs.JANUS)
class JanusTlsIT {

	private final LocalStack stack = LocalStack.get();

	@Test
	void withTheTrustedCertificateTheApiAnswers() throws Exception {
		Replies replies = new Replies();
		WebSocket socket = open(client(this.stack.janusTrustedCertificates()), this.stack.janusWebSocketUrl(1), replies)
			.get(10, TimeUnit.SECONDS);
		socket.sendText("{\"janus\":\"info\",\"transaction\":\"tls-check\"}", true).get(5, TimeUnit.SECONDS);
		assertThat(replies.first.get(5, TimeUnit.SECONDS)).contains("\"janus\":\"server_info\"");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
	}

	@Test
	void withoutItTheHandshakeFails() {
		// The JDK's own trust store: Janus's self-signed certificate is nobody's it
		// knows.
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(
					() -> open(client(""), this.stack.janusWebSocketUrl(1), new Replies()).get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(SSLHandshakeException.class);
	}

	@Test
	void plainWebSocketsAreNotServed() {
		URI plain = URI.create("ws://" + this.stack.mediaHostAddress(1) + ":" + this.stack.janusWebSocketPort());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> open(client(this.stack.janusTrustedCertificates()), plain, new Replies()).get(10,
					TimeUnit.SECONDS));
	}

	private static HttpClient client(String trustedCertificates) {
		return JanusTrust.client(new JanusProperties(List.of(URI.create("wss://unused")), List.of("unused"),
				List.of("unused"), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5),
				Duration.ofSeconds(20), trustedCertificates));
	}

	private static CompletableFuture<WebSocket> open(HttpClient client, URI url, Replies replies) {
		return client.newWebSocketBuilder()
			.subprotocols("janus-protocol")
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(url, replies);
	}

	/** Keeps the first text frame. */
	private static final class Replies implements WebSocket.Listener {

		final CompletableFuture<String> first = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.first.complete(this.text.toString());
			}
			webSocket.request(1);
			return null;
		}

	}

}
