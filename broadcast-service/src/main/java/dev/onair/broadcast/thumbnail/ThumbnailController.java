package dev.onair.broadcast.thumbnail;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.onair.broadcast.owner.OwnerCheck;
import dev.onair.broadcast.problem.ApiProblem;
import dev.onair.broadcast.problem.InvalidInput;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.contract.OwnerTokens.OwnerToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/broadcasts/{id}/thumbnail")
class ThumbnailController {

	/** 256 KiB: a 1280×720 JPEG at sensible quality fits easily. */
	static final int MAX_BYTES = 256 * 1024;

	/** Short, so a new upload shows within seconds; the ETag makes revalidation cheap. */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic();

	private final ThumbnailStore store;

	private final BroadcastChanges changes;

	private final OwnerCheck owner;

	private final TransactionalOperator tx;

	ThumbnailController(ThumbnailStore store, BroadcastChanges changes, OwnerCheck owner, TransactionalOperator tx) {
		this.store = store;
		this.changes = changes;
		this.owner = owner;
		this.tx = tx;
	}

	/**
	 * The declared type only routes the request: what is stored, and served, is the type
	 * the bytes have ({@link ImageFormat}).
	 */
	@Operation(summary = "Upload the broadcast's thumbnail (owner only)",
			description = "JPEG, PNG or WebP, recognised by its bytes, at most 256 KiB.")
	@ApiResponse(responseCode = "204", description = "Stored; ETag names it")
	@ApiResponse(responseCode = "400", description = "The body is empty",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No owner token, or an expired or revoked one",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "The token is not this broadcast's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such broadcast",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "Larger than 256 KiB",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP image",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@SecurityRequirement(name = OwnerCheck.SCHEME)
	@RequestBody(required = true, content = {
			@Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")) })
	@PutMapping(consumes = { MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE, "image/webp" })
	Mono<ResponseEntity<Void>> upload(@PathVariable UUID id, ServerHttpRequest request) {
		OwnerToken token = this.owner.require(request.getHeaders(), id, Instant.now());
		if (request.getHeaders().getContentLength() > MAX_BYTES) {
			throw tooLarge(request.getHeaders().getContentLength());
		}
		return DataBufferUtils.join(request.getBody(), MAX_BYTES).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			if (bytes.length == 0) {
				return Mono.error(InvalidInput.of("", "the image is empty"));
			}
			ImageFormat format = ImageFormat.of(bytes).orElseThrow(ThumbnailController::notAnImage);
			Thumbnail thumbnail = new Thumbnail(format.type().toString(), etag(bytes), bytes);
			return this.changes.change(id, (b) -> this.owner.current(token, b).thumbnail(thumbnail.etag()))
				.switchIfEmpty(Mono.error(() -> ApiProblem.notFound(id)))
				.flatMap((change) -> this.store.save(id, thumbnail))
				.as(this.tx::transactional)
				.thenReturn(ResponseEntity.noContent().eTag(thumbnail.etag()).<Void>build());
		});
	}

	@GetMapping
	@Operation(summary = "The broadcast's thumbnail",
			description = "Cached briefly; If-None-Match with its ETag answers 304.")
	@ApiResponse(responseCode = "200", description = "The image")
	@ApiResponse(responseCode = "304", description = "Unchanged since the ETag given")
	@ApiResponse(responseCode = "404", description = "No broadcast, or no thumbnail",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<byte[]>> get(@PathVariable UUID id, ServerHttpRequest request) {
		return this.store.find(id)
			.switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "No thumbnail",
					"Broadcast " + id + " has no thumbnail.")))
			.map((thumbnail) -> {
				if (request.getHeaders().getIfNoneMatch().contains(thumbnail.etag())) {
					return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
						.eTag(thumbnail.etag())
						.cacheControl(CACHE)
						.build();
				}
				return ResponseEntity.ok()
					.contentType(MediaType.parseMediaType(thumbnail.contentType()))
					.eTag(thumbnail.etag())
					.cacheControl(CACHE)
					.body(thumbnail.bytes());
			});
	}

	private static ApiProblem tooLarge(long length) {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Thumbnail too large",
				"A thumbnail may have at most " + MAX_BYTES + " bytes, this one has " + length + ".");
	}

	private static ApiProblem notAnImage() {
		return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-an-image", "Not a JPEG, PNG or WebP image",
				"The thumbnail's content is not a JPEG, PNG or WebP image, whatever its Content-Type says.");
	}

	private static String etag(byte[] bytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
