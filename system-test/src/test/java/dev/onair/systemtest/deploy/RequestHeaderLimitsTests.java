package dev.onair.systemtest.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each hop accepts a larger request header block than the hop in front of it may send. A
 * service that refuses what its proxy let through answers 431 and closes the connection
 * while the proxy still sends the body, and the proxy then answers 500 (edge-web) or 502
 * (ingress-nginx) instead: the fuzz run's one REST 500.
 */
class RequestHeaderLimitsTests {

	/**
	 * ingress-nginx's default {@code large-client-header-buffers: 4 8k}: a header block
	 * of up to 32 KB reaches edge-web and, for {@code /ws}, the gateways.
	 */
	private static final long INGRESS_LIMIT = 32 * 1024;

	/**
	 * What a proxy adds on the way (X-Forwarded-For/-Proto/-Host/-Port, Forwarded,
	 * X-Real-IP, X-Request-ID): a few hundred bytes, with room to spare.
	 */
	private static final long PROXY_HEADERS = 4 * 1024;

	/** The services edge-web routes {@code /api} and {@code /ws} to. */
	private static final List<String> BEHIND_EDGE_WEB = List.of("broadcast-service", "presence-service",
			"search-service", "signaling-gateway");

	@Test
	void edgeWebAcceptsWhatTheIngressPassesOnAndTheServicesWhatEdgeWebPassesOn() {
		long edge = limit("edge-web");
		assertThat(edge).as("edge-web's server.max-http-request-header-size")
			.isGreaterThan(INGRESS_LIMIT + PROXY_HEADERS);
		for (String service : BEHIND_EDGE_WEB) {
			assertThat(limit(service)).as("%s's server.max-http-request-header-size", service)
				.isGreaterThanOrEqualTo(edge + PROXY_HEADERS);
		}
	}

	/** {@code server.max-http-request-header-size} in KB, as the ymls write it. */
	private static long limit(String module) {
		Map<String, Object> config = Repository
			.yaml(Repository.ROOT.resolve(module).resolve("src/main/resources/application.yml"));
		Object value = Repository.at(config, "server.max-http-request-header-size");
		assertThat(value).as("%s sets server.max-http-request-header-size", module).isNotNull();
		assertThat(value.toString()).as("%s's limit in KB", module).matches("\\d+KB");
		return Long.parseLong(value.toString().replace("KB", "")) * 1024;
	}

}
