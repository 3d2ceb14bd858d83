package dev.onair.systemtest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Ingress routes an allow-list: every page, static asset and API route edge-web
 * serves to browsers, /ws to the gateways, and nothing that reaches an actuator.
 */
class IngressTests {

	private static final Pattern PAGE = Pattern.compile("GET\\(\"([^\"]+)\"\\)");

	private static final Pattern API = Pattern.compile("\"(/api[^\"]*)\"");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyPageAssetAndApiRouteOfEdgeWebIsRouted(String overlay) {
		List<HTTPIngressPath> paths = paths(overlay);
		List<String> wanted = new ArrayList<>();
		Path edge = Repository.ROOT.resolve("edge-web/src/main");
		String source = ServiceModule.load("edge-web").source();
		PAGE.matcher(source).results().forEach((match) -> wanted.add(match.group(1).replaceAll("\\{[^}]+}", "x")));
		API.matcher(source).results().forEach((match) -> wanted.add(match.group(1).replace("**", "x")));
		Path statics = edge.resolve("resources/static");
		try (Stream<Path> files = Files.walk(statics)) {
			files.filter(Files::isRegularFile)
				.map((file) -> "/" + statics.relativize(file).toString().replace('\\', '/'))
				// Pages are served by their routes above, not by file name.
				.filter((file) -> !file.endsWith(".html"))
				.forEach(wanted::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(wanted).contains("/", "/studio", "/js/watch.js", "/api/broadcasts");
		for (String path : wanted) {
			assertThat(backend(paths, path)).as(path + " reaches edge-web").isEqualTo("edge-web");
		}
		assertThat(backend(paths, "/ws")).isEqualTo("signaling-gateway");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void noActuatorPathIsRouted(String overlay) {
		List<HTTPIngressPath> paths = paths(overlay);
		assertThat(paths).as("only Exact and Prefix paths, which match by whole path elements")
			.allSatisfy((path) -> assertThat(path.getPathType()).isIn("Exact", "Prefix"));
		for (String path : List.of("/actuator", "/actuator/", "/actuator/health", "/actuator/prometheus",
				"/actuator/env", "/actuator;x/prometheus")) {
			assertThat(backend(paths, path)).as(path + " is routed").isNull();
		}
	}

	private static List<HTTPIngressPath> paths(String overlay) {
		Ingress ingress = Manifests.build(overlay).one(Ingress.class, "onair");
		assertThat(ingress.getSpec().getDefaultBackend()).as("no default backend").isNull();
		return ingress.getSpec().getRules().get(0).getHttp().getPaths();
	}

	/**
	 * The Service a request path goes to under the Ingress rules (longest match), or
	 * null.
	 */
	private static String backend(List<HTTPIngressPath> paths, String request) {
		HTTPIngressPath best = null;
		for (HTTPIngressPath path : paths) {
			boolean matches = switch (path.getPathType()) {
				case "Exact" -> request.equals(path.getPath());
				case "Prefix" -> prefixMatches(path.getPath(), request);
				default -> throw new AssertionError("unexpected pathType " + path.getPathType());
			};
			if (matches && (best == null || path.getPath().length() > best.getPath().length()
					|| "Exact".equals(path.getPathType()))) {
				best = path;
			}
		}
		return (best != null) ? best.getBackend().getService().getName() : null;
	}

	/** Prefix matching by path elements, as the Ingress API defines it. */
	private static boolean prefixMatches(String prefix, String request) {
		String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
		return trimmed.isEmpty() || request.equals(trimmed) || request.startsWith(trimmed + "/");
	}

}
