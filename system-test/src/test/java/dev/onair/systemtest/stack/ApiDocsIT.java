package dev.onair.systemtest.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description of the public REST API, as a client finds it on the public
 * origin: one document at {@code /api-docs} listing every endpoint with its problem
 * responses, and Swagger UI at {@code /api-docs/ui}.
 */
@RealInfrastructure({ Needs.STACK })
class ApiDocsIT {

	/** Every public REST endpoint, as edge-web serves it. */
	private static final List<String> ENDPOINTS = List.of("post /api/broadcasts", "get /api/broadcasts/{id}",
			"patch /api/broadcasts/{id}", "post /api/broadcasts/{id}/end", "put /api/broadcasts/{id}/thumbnail",
			"get /api/broadcasts/{id}/thumbnail", "get /api/rooms/{id}/viewers", "get /api/search",
			"get /api/search/suggest", "post /api/broadcasts/{id}/owner-token", "post /api/broadcasts/{id}/whip",
			"patch /api/broadcasts/{id}/whip/{resource}", "delete /api/broadcasts/{id}/whip/{resource}",
			"post /api/broadcasts/{id}/whep", "patch /api/broadcasts/{id}/whep/{resource}",
			"delete /api/broadcasts/{id}/whep/{resource}");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void oneDocumentListsEveryPublicEndpointWithItsProblems() throws Exception {
		HttpResponse<String> response = get("/api-docs");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode document = JsonMapper.builder().build().readTree(response.body());
		assertThat(document.path("openapi").asString()).startsWith("3.");

		List<String> listed = new ArrayList<>();
		document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			listed.add(operation.getKey() + " " + path.getKey());
			assertThat(problemResponses(operation.getValue()))
				.as("%s %s documents the problems it answers with", operation.getKey(), path.getKey())
				.isNotEmpty();
		}));
		assertThat(listed).containsExactlyInAnyOrderElementsOf(ENDPOINTS);
		assertThat(document.path("paths").toString()).as("no actuator endpoint is part of the public API")
			.doesNotContain("/actuator");
		for (String ownerOnly : List.of("patch /api/broadcasts/{id}", "post /api/broadcasts/{id}/end",
				"post /api/broadcasts/{id}/owner-token", "put /api/broadcasts/{id}/thumbnail",
				"post /api/broadcasts/{id}/whip", "patch /api/broadcasts/{id}/whip/{resource}",
				"delete /api/broadcasts/{id}/whip/{resource}")) {
			String[] operation = ownerOnly.split(" ");
			assertThat(document.path("paths").path(operation[1]).path(operation[0]).path("security").toString())
				.as("%s needs the owner token", ownerOnly)
				.contains("ownerToken");
		}
		assertThat(document.path("components").path("securitySchemes").path("ownerToken").path("scheme").asString())
			.isEqualTo("bearer");
		assertThat(document.path("components").path("schemas").propertyNames())
			.as("framework types taken for request parameters")
			.noneMatch((name) -> name.endsWith("HttpHeaders") || name.endsWith("ServerHttpRequest"));
		// Every reference resolves inside the merged document.
		document.path("components").path("schemas").propertyNames().forEach((name) -> assertThat(name).contains("."));
		for (String reference : references(response.body())) {
			assertThat(document.path("components").path("schemas").has(reference)).as(reference).isTrue();
		}
	}

	@Test
	void swaggerUiReadsTheDocument() throws Exception {
		HttpResponse<String> ui = get("/api-docs/ui");
		assertThat(ui.statusCode()).isEqualTo(302);
		String page = ui.headers().firstValue("Location").orElseThrow();
		assertThat(get(URI.create("http://127.0.0.1:8080/api-docs/ui").resolve(page).getPath()).statusCode())
			.isEqualTo(200);
		assertThat(get("/api-docs/swagger-ui/swagger-initializer.js").body()).contains("url: \"/api-docs\"");
	}

	private static List<String> problemResponses(JsonNode operation) {
		List<String> codes = new ArrayList<>();
		operation.path("responses").properties().forEach((response) -> {
			if (response.getKey().startsWith("4")
					&& response.getValue().path("content").has("application/problem+json")) {
				codes.add(response.getKey());
			}
		});
		return codes;
	}

	private static List<String> references(String json) {
		List<String> names = new ArrayList<>();
		String marker = "\"#/components/schemas/";
		for (int at = json.indexOf(marker); at >= 0; at = json.indexOf(marker, at + 1)) {
			int start = at + marker.length();
			names.add(json.substring(start, json.indexOf('"', start)));
		}
		return names;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080" + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
