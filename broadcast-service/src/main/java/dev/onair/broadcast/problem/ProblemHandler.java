package dev.onair.broadcast.problem;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every failure of a request into a problem document: our own {@link ApiProblem}s
 * as they are, Spring's (unknown route, unsupported media type, bad method, unreadable
 * body) with a stable type, bodies over the size limit as 413, the database away as 503,
 * and anything unexpected as a logged 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** A restart takes a few seconds (the drills' postgres-restart: 2.6–4.1 s). */
	private static final String DATABASE_RETRY_AFTER_SECONDS = "2";

	@ExceptionHandler(DataBufferLimitException.class)
	ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException ex) {
		ProblemDetail problem = ApiProblem.problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Body too large",
				ex.getMessage());
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	/**
	 * PostgreSQL away (restarting, failing over, the pool's connections refused): the
	 * request may be retried in a moment, so 503 with {@code Retry-After}, and a warning
	 * without a stack trace, not a 500 that reads like a bug.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> databaseAway(DataAccessException ex, ServerWebExchange exchange) {
		log.warn("{} {} failed, the database did not answer: {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex.getMostSpecificCause().toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
			.body(ApiProblem.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable",
					"The database did not answer; retry in a few seconds."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, ServerWebExchange exchange) {
		log.error("Unexpected failure of {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
				ex);
		return ResponseEntity.internalServerError()
			.body(ApiProblem.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
					"The request failed unexpectedly; it may be retried."));
	}

	/** A path variable of the wrong type, e.g. an id that is not a UUID. */
	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null
				&& mismatch.getRequiredType() != null) {
			InvalidInput invalid = InvalidInput.of(ex.getMethodParameter().getParameterName(),
					"must be a " + mismatch.getRequiredType().getSimpleName() + ", got '" + mismatch.getValue() + "'");
			return handleExceptionInternal(ex, invalid.getBody(), headers, status, exchange);
		}
		return super.handleServerWebInputException(ex, headers, status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
			HttpStatus known = HttpStatus.resolve(status.value());
			String kind = (known != null) ? known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
					: "http-" + status.value();
			problem.setType(URI.create("urn:onair:problem:" + kind));
		}
		return super.handleExceptionInternal(ex, body, headers, status, exchange);
	}

}
