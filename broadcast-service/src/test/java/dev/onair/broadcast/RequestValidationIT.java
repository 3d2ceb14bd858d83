package dev.onair.broadcast;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.onair.broadcast.ApiClient.Created;
import dev.onair.testsupport.LocalStack;
import dev.onair.testsupport.Needs;
import dev.onair.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owner checks, precise problem responses for bad input, body limits, and thumbnails.
 */
@RealInfrastructure({ Needs.KAFKA, Needs.POSTGRES })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@SuppressWarnings("unchecked")
class RequestValidationIT {

	private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	@Autowired
	private WebTestClient http;

	@DynamicPropertySource
	static void ownerTokenKey(DynamicPropertyRegistry registry) {
		registry.add("onair.owner-token.keys", () -> LocalStack.get().ownerTokenKey());
	}

	@Test
	void namesEveryBadFieldOfACreateBody() {
		this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("title", "x".repeat(101), "description", 42, "tags", List.of("ok", "", "y".repeat(31), 7),
					"colour", "red"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(PROBLEM)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:onair:problem:invalid-input")
			.jsonPath("$.title")
			.isEqualTo("Invalid input")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("title"))
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("colour", "title",
					"description", "tags[1]", "tags[2]", "tags[3]"))
			.jsonPath("$.errors[?(@.field == 'title')].message")
			.isEqualTo("must be at most 100 characters, has 101");
	}

	@Test
	void requiresATitleAndAtMostTenTags() {
		this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("tags", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("title", "tags"));
	}

	@Test
	void refusesTextPostgresqlCannotStoreAsItWasSent() {
		// Found by the fuzz run (system-test FuzzBenchmark): U+0000 made the insert fail
		// with a 500.
		this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"title\": \"a\\u0000b\", \"description\": \"\\ud800\", \"tags\": [\"ok\\u0000\", \"\\ud83d\\udc4b\"], "
							+ "\"streamer\": \"\\udfff x\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("title", "description",
					"tags[0]", "streamer"))
			.jsonPath("$.errors[?(@.field == 'title')].message")
			.isEqualTo("must not contain U+0000 or unpaired surrogates");
	}

	@Test
	void refusesMalformedJsonAndOtherMediaTypes() {
		this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\": ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).startsWith("malformed JSON"));
		this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("title")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.contentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void refusesBodiesOverOneMebibyte() {
		this.http.post()
			.uri("/api/broadcasts")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\":\"" + "x".repeat(1024 * 1024) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void malformedIdIs400AndUnknownIdIs404() {
		this.http.get()
			.uri("/api/broadcasts/not-a-uuid")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(PROBLEM)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		this.http.get()
			.uri("/api/broadcasts/{id}", UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(PROBLEM)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:onair:problem:not-found");
	}

	@Test
	void editEndAndThumbnailRejectMissingOrWrongOwnerTokens() {
		Created mine = client().create("Mine");
		Created other = client().create("Other");
		for (String path : List.of("/api/broadcasts/{id}", "/api/broadcasts/{id}/end",
				"/api/broadcasts/{id}/thumbnail")) {
			ownerRequest(path, mine.id(), null).expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.expectHeader()
				.contentTypeCompatibleWith(PROBLEM);
			ownerRequest(path, mine.id(), other.token()).expectStatus()
				.isForbidden()
				.expectHeader()
				.contentTypeCompatibleWith(PROBLEM);
			ownerRequest(path, mine.id(), "v1.forged").expectStatus().isForbidden();
		}
		assertThat(client().get(mine.id())).containsEntry("status", "READY").containsEntry("title", "Mine");
	}

	@Test
	void editingAnEndedBroadcastIsAConflict() {
		Created created = client().create("Done");
		client().end(created).expectStatus().isOk();
		client().end(created).expectStatus().isOk();
		client().edit(created, Map.of("title", "Too late")).expectStatus().isEqualTo(HttpStatus.CONFLICT);
		client().edit(created, Map.of()).expectStatus().isBadRequest();
	}

	@Test
	void thumbnailIsServedWithEtagAndRevalidates() {
		Created created = client().create("Pictures");
		byte[] jpeg = new byte[2048];
		jpeg[0] = (byte) 0xFF;
		jpeg[1] = (byte) 0xD8;
		jpeg[2] = (byte) 0xFF;
		String etag = uploadThumbnail(created, MediaType.IMAGE_JPEG, jpeg).expectStatus()
			.isNoContent()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotBlank();
		this.http.get()
			.uri("/api/broadcasts/{id}/thumbnail", created.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_JPEG)
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectHeader()
			.value(HttpHeaders.CACHE_CONTROL, (value) -> assertThat(value).contains("max-age"))
			.expectBody(byte[].class)
			.isEqualTo(jpeg);
		this.http.get()
			.uri("/api/broadcasts/{id}/thumbnail", created.id())
			.ifNoneMatch(etag)
			.exchange()
			.expectStatus()
			.isNotModified();
		assertThat(client().get(created.id())).containsEntry("thumbnailUrl",
				"/api/broadcasts/" + created.id() + "/thumbnail");
	}

	@Test
	void thumbnailMustBeASmallJpegPngOrWebpByItsContent() {
		Created created = client().create("Pictures");
		uploadThumbnail(created, MediaType.parseMediaType("image/webp"), new byte[256 * 1024 + 1]).expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentTypeCompatibleWith(PROBLEM);
		uploadThumbnail(created, MediaType.IMAGE_GIF, new byte[16]).expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		for (byte[] notAnImage : List.of(new byte[16], "<html><script>alert(1)</script>".getBytes(),
				"RIFF\0\0\0\0WAVEfmt ".getBytes(), new byte[] { (byte) 0xFF, (byte) 0xD8 })) {
			uploadThumbnail(created, MediaType.IMAGE_JPEG, notAnImage).expectStatus()
				.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
				.expectHeader()
				.contentTypeCompatibleWith(PROBLEM)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:onair:problem:not-an-image");
		}
		this.http.get().uri("/api/broadcasts/{id}/thumbnail", created.id()).exchange().expectStatus().isNotFound();
	}

	@Test
	void thumbnailIsServedAsTheTypeItsBytesHaveNotTheDeclaredOne() {
		Created created = client().create("Declared wrongly");
		byte[] png = new byte[64];
		System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, png, 0, 8);
		uploadThumbnail(created, MediaType.IMAGE_JPEG, png).expectStatus().isNoContent();
		this.http.get()
			.uri("/api/broadcasts/{id}/thumbnail", created.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG);
	}

	private WebTestClient.ResponseSpec uploadThumbnail(Created broadcast, MediaType type, byte[] image) {
		return this.http.put()
			.uri("/api/broadcasts/{id}/thumbnail", broadcast.id())
			.headers((h) -> h.setBearerAuth(broadcast.token()))
			.contentType(type)
			.bodyValue(image)
			.exchange();
	}

	private ApiClient client() {
		return new ApiClient(this.http);
	}

	private WebTestClient.ResponseSpec ownerRequest(String path, String id, String token) {
		WebTestClient.RequestBodySpec request = switch (path) {
			case "/api/broadcasts/{id}" -> this.http.patch().uri(path, id).contentType(MediaType.APPLICATION_JSON);
			case "/api/broadcasts/{id}/end" -> this.http.post().uri(path, id);
			default -> this.http.put().uri(path, id).contentType(MediaType.IMAGE_JPEG);
		};
		if (token != null) {
			request.headers((h) -> h.setBearerAuth(token));
		}
		Object body = path.endsWith("thumbnail") ? new byte[16] : Map.of("title", "Hijacked");
		return path.endsWith("/end") ? request.exchange() : request.bodyValue(body).exchange();
	}

}
