package dev.onair.systemtest.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.onair.testsupport.ClientBrowser;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack that {@code ./onair services} started is whole: every service is ready and
 * serves metrics, the local Prometheus scrapes them and the broker's lag, edge-web
 * answers, and the browser the other system tests use runs inside the client namespace,
 * where only the edge-web forwarder is reachable.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES, Needs.REDIS, Needs.JANUS, Needs.TURN, Needs.STACK, Needs.BROWSER })
class StackIT {

	/** Where each service serves its actuator: edge-web's own port 8080 is public. */
	private static final Map<String, Integer> SERVICES = Map.of("edge-web", 9080, "broadcast-service", 8081,
			"signaling-gateway", 8082, "signaling-gateway-2", 8092, "presence-service", 8083, "search-service", 8084,
			"media-service", 8085);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@ParameterizedTest
	@ValueSource(strings = { "edge-web", "broadcast-service", "signaling-gateway", "signaling-gateway-2",
			"presence-service", "search-service", "media-service" })
	void serviceIsReadyAndServesPrometheusMetrics(String service) throws Exception {
		int port = SERVICES.get(service);
		assertThat(get(port, "/actuator/health/readiness").statusCode()).as(service + " readiness").isEqualTo(200);
		assertThat(get(port, "/actuator/health/liveness").statusCode()).as(service + " liveness").isEqualTo(200);
		HttpResponse<String> metrics = get(port, "/actuator/prometheus");
		assertThat(metrics.statusCode()).as(service + " prometheus").isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	/**
	 * The local Prometheus scrapes every service and the broker-side consumer lag
	 * (kafka-exporter's names, from {@code infra/kafka/LagExporter.java}), with the alert
	 * rules of {@code k8s/base/monitoring.yaml} loaded.
	 */
	@Test
	void localPrometheusHasEveryServiceTheBrokersLagAndTheAlertRules() throws Exception {
		Awaitility.await("every target scraped and up")
			.atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				String targets = get(19090, "/api/v1/targets?state=active").body();
				for (String service : SERVICES.keySet()) {
					assertThat(targets).contains("\"instance_name\":\"" + service + "\"");
				}
				assertThat(targets).contains("\"job\":\"kafka-exporter\"")
					.doesNotContain("\"health\":\"down\"")
					.doesNotContain("\"health\":\"unknown\"");
			});
		Awaitility.await("the stack's consumer groups' lag from the broker")
			.atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(get(19090,
					"/api/v1/query?query=kafka_consumergroup_lag%7Bconsumergroup%3D%22presence-service%22%7D")
				.body()).contains("\"consumergroup\":\"presence-service\""));
		assertThat(get(19090, "/api/v1/rules").body()).contains("OnAirConsumerGroupStuck", "OnAirConsumerGroupMissing");
	}

	@Test
	void edgeWebServesTheHomePage() throws Exception {
		assertThat(get(8080, "/").statusCode()).isEqualTo(200);
		assertThat(get(8080, "/actuator/health").statusCode()).as("no actuator on the public port").isEqualTo(404);
	}

	/**
	 * A browser's pooled connection asks for an asset plainly and conditionally in turn,
	 * and gets every answer. While edge-web sent Last-Modified, a request after a 304
	 * sometimes got none (one in seven in this loop): the test browser's page that waited
	 * 120 s for {@code GET /js/home.js}.
	 */
	@Test
	void aKeepAliveConnectionGetsEveryAnswerForAnAsset() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", 8080)) {
			socket.setSoTimeout(5000);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			for (int i = 0; i < 100; i++) {
				String conditional = (i % 2 == 1) ? "If-Modified-Since: Wed, 02 Dec 2026 00:00:00 GMT\r\n" : "";
				socket.getOutputStream()
					.write(("GET /js/home.js HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n" + conditional + "\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				assertThat(readResponse(in)).as("status of request " + i).isIn(200, 304);
			}
		}
	}

	@Test
	void browserRunsInsideTheClientNamespace() {
		try (ClientBrowser browser = ClientBrowser.start()) {
			Page page = browser.context().newPage();
			Response home = ClientBrowser.navigate(page, "/");
			assertThat(home.status()).isEqualTo(200);
			// 8081 listens on the root namespace's loopback only; from the client
			// namespace it is not there.
			Object reached = page
				.evaluate("() => fetch('http://127.0.0.1:8081/actuator/health').then(() => true, () => false)");
			assertThat(reached).isEqualTo(false);
		}
	}

	/** Reads one response (status line, headers, Content-Length body); its status. */
	private static int readResponse(InputStream in) throws IOException {
		String status = readLine(in);
		int length = 0;
		for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
			if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(header.substring("content-length:".length()).trim());
			}
		}
		in.readNBytes(length);
		return Integer.parseInt(status.split(" ")[1]);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c == -1) {
				throw new IOException("Connection closed mid-response");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
