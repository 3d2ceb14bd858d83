package dev.onair.edge.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public origin serves no actuator endpoint, in any spelling; health and metrics are
 * on the management port, which no Ingress rule or published port reaches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManagementPortIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void actuatorIsNotServedOnThePublicPort() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/health/readiness",
				"/actuator/prometheus", "/actuator/info", "/actuator;x/prometheus", "/actuator/env" }) {
			assertThat(status(this.port, path)).as("public port, " + path).isEqualTo(404);
		}
	}

	@Test
	void managementPortServesHealthProbesAndMetrics() throws Exception {
		assertThat(status(this.managementPort, "/actuator/health")).isEqualTo(200);
		assertThat(status(this.managementPort, "/actuator/health/liveness")).isEqualTo(200);
		assertThat(status(this.managementPort, "/actuator/health/readiness")).isEqualTo(200);
		HttpResponse<String> metrics = get(this.managementPort, "/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("application=\"edge-web\"");
	}

	private int status(int port, String path) throws IOException, InterruptedException {
		return get(port, path).statusCode();
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
