package dev.onair.edge.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A service connection that closes before any byte of the answer gets the request sent
 * once more, body and all; one that closes in the middle of an answer does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ClosedBeforeAnswerRetryTests {

	/** What the service does with each request it reads, in turn. */
	enum Reply {

		CLOSE, HALF_ANSWER_THEN_CLOSE, CREATED

	}

	private static final Service service = new Service();

	@Autowired
	private WebTestClient web;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		registry.add("onair.edge.routing.broadcast", () -> "http://127.0.0.1:" + service.port());
	}

	@AfterAll
	static void stop() throws IOException {
		service.socket.close();
	}

	@BeforeEach
	void clear() {
		service.requests.clear();
	}

	@Test
	void aConnectionClosedBeforeAnyAnswerSendsTheRequestOnceMoreWithItsBody() {
		service.replies(Reply.CLOSE, Reply.CREATED);
		this.web.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\":\"Once\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.isEqualTo("{\"id\":\"b-1\"}");
		assertThat(service.requests).hasSize(2).allSatisfy((request) -> {
			assertThat(request).startsWith("POST /api/broadcasts HTTP/1.1");
			assertThat(request).endsWith("\r\n\r\n{\"title\":\"Once\"}");
		});
	}

	@Test
	void onlyOnce() {
		service.replies(Reply.CLOSE, Reply.CLOSE, Reply.CREATED);
		this.web.get().uri("/api/broadcasts/b-1").exchange().expectStatus().is5xxServerError();
		assertThat(service.requests).hasSize(2);
	}

	@Test
	void anAnswerThatBeganIsNotRequestedAgain() {
		service.replies(Reply.HALF_ANSWER_THEN_CLOSE, Reply.CREATED);
		// The client sees the same cut-off answer.
		assertThatException()
			.isThrownBy(() -> this.web.get().uri("/api/broadcasts/b-1").exchange().expectBody().returnResult());
		assertThat(service.requests).hasSize(1);
		assertThat(this.web.get().uri("/api/broadcasts/b-1").exchange().returnResult().getStatus())
			.isEqualTo(HttpStatus.CREATED);
	}

	/**
	 * A one-connection-at-a-time HTTP/1.1 service on a loopback port that reads each
	 * request whole and replies as told.
	 */
	static final class Service {

		final ServerSocket socket;

		final List<String> requests = new CopyOnWriteArrayList<>();

		private final AtomicReference<List<Reply>> replies = new AtomicReference<>(List.of());

		Service() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread.ofPlatform().daemon().name("closing-service").start(this::serve);
		}

		int port() {
			return this.socket.getLocalPort();
		}

		void replies(Reply... replies) {
			this.replies.set(List.of(replies));
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					while (answer(connection)) {
						// keep-alive: the next request on the same connection
					}
				}
				catch (IOException ex) {
					// the connection or the test is over
				}
			}
		}

		/** Whether the connection stays open for another request. */
		private boolean answer(Socket connection) throws IOException {
			String request = readRequest(connection.getInputStream());
			if (request == null) {
				return false;
			}
			List<Reply> replies = this.replies.get();
			Reply reply = replies.get(Math.min(this.requests.size(), replies.size() - 1));
			this.requests.add(request);
			switch (reply) {
				case CLOSE -> {
					return false;
				}
				case HALF_ANSWER_THEN_CLOSE -> {
					connection.getOutputStream()
						.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":"
							.getBytes(StandardCharsets.US_ASCII));
					return false;
				}
				default -> {
					byte[] body = "{\"id\":\"b-1\"}".getBytes(StandardCharsets.US_ASCII);
					connection.getOutputStream()
						.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
								+ body.length + "\r\n\r\n")
							.getBytes(StandardCharsets.US_ASCII));
					connection.getOutputStream().write(body);
					return true;
				}
			}
		}

		/**
		 * Headers and a {@code Content-Length} body, or null at the end of the stream.
		 */
		private static String readRequest(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
				int c = in.read();
				if (c == -1) {
					return null;
				}
				head.write(c);
			}
			String headers = head.toString(StandardCharsets.US_ASCII);
			int length = headers.lines()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
				.map((line) -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
				.findFirst()
				.orElse(0);
			return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
		}

	}

}
