package dev.onair.edge.routing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One OpenAPI document for the public REST API, at {@code /api-docs}: the documents of
 * the services behind {@code /api/**} (springdoc, {@code /v3/api-docs} on each), merged.
 * Paths stay as they are, since edge-web routes them unchanged; each service's schemas
 * are named {@code <service>.<Schema>} so equal names from two services cannot collide.
 * Swagger UI at {@code /api-docs/ui} reads this document. The WebSocket protocol is
 * described in docs/protocol.md.
 */
@RestController
class ApiDocuments {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private static final String SCHEMA_REF = "\"#/components/schemas/";

	private final WebClient client;

	private final JsonMapper json;

	/** Each service's instances, tried in turn: any one describes the same API. */
	private final Map<String, List<URI>> services = new LinkedHashMap<>();

	ApiDocuments(JsonMapper json, RoutingProperties targets) {
		this.client = WebClient.create();
		this.json = json;
		this.services.put("broadcast", List.of(targets.broadcast()));
		this.services.put("presence", List.of(targets.presence()));
		this.services.put("search", List.of(targets.search()));
		this.services.put("gateway", targets.gateways());
	}

	@GetMapping(path = "/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> document() {
		return Flux.fromIterable(this.services.entrySet())
			.concatMap((service) -> fetch(service.getKey(), service.getValue()))
			.collectList()
			.map((documents) -> ResponseEntity.ok().<Object>body(merge(documents)))
			.onErrorResume(Unavailable.class, (ex) -> Mono.just(unavailable(ex)));
	}

	private Mono<ServiceDocument> fetch(String service, List<URI> instances) {
		Mono<String> document = read(instances.getFirst());
		for (URI other : instances.subList(1, instances.size())) {
			document = document.onErrorResume((ex) -> read(other));
		}
		return document.map((body) -> new ServiceDocument(service, body))
			.onErrorMap((ex) -> new Unavailable(service, ex));
	}

	private Mono<String> read(URI instance) {
		return this.client.get()
			.uri(instance.resolve("/v3/api-docs"))
			.retrieve()
			.bodyToMono(String.class)
			.timeout(TIMEOUT);
	}

	private ObjectNode merge(List<ServiceDocument> documents) {
		ObjectNode merged = this.json.createObjectNode();
		merged.put("openapi", "3.1.0");
		merged.putObject("info")
			.put("title", "OnAir REST API")
			.put("version", "v1")
			.put("description",
					"Broadcasts, viewer counts, search, WHIP publishing and WHEP playback, as served by the public origin. "
							+ "Errors are application/problem+json (RFC 9457). The WebSocket protocol (/ws) is "
							+ "described in docs/protocol.md.");
		merged.putArray("servers").addObject().put("url", "/");
		ObjectNode paths = merged.putObject("paths");
		ObjectNode components = merged.putObject("components");
		ObjectNode schemas = components.putObject("schemas");
		ObjectNode securitySchemes = components.putObject("securitySchemes");
		for (ServiceDocument document : documents) {
			JsonNode tree = this.json.readTree(document.withNamespacedSchemas());
			tree.path("paths").properties().forEach((path) -> {
				ObjectNode operations = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
						: paths.putObject(path.getKey());
				operations.setAll((ObjectNode) path.getValue());
			});
			tree.path("components")
				.path("schemas")
				.properties()
				.forEach((schema) -> schemas.set(document.service() + "." + schema.getKey(), schema.getValue()));
			// Referenced by name from each operation's security requirement, so kept as
			// named.
			tree.path("components")
				.path("securitySchemes")
				.properties()
				.forEach((scheme) -> securitySchemes.set(scheme.getKey(), scheme.getValue()));
		}
		return merged;
	}

	private static ResponseEntity<Object> unavailable(Unavailable ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The API description of " + ex.service + " could not be read: " + ex.getCause().getMessage());
		problem.setTitle("API description incomplete");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** One service's document as it sent it. */
	private record ServiceDocument(String service, String body) {

		/**
		 * The document with its schema references renamed to {@code <service>.<Schema>}.
		 */
		String withNamespacedSchemas() {
			return this.body.replace(SCHEMA_REF, SCHEMA_REF + this.service + ".");
		}

	}

	private static final class Unavailable extends RuntimeException {

		private final String service;

		Unavailable(String service, Throwable cause) {
			super(cause);
			this.service = service;
		}

	}

}
