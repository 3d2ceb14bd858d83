package dev.onair.search.query;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A search parameter out of bounds; rendered as a 400 {@code application/problem+json}.
 */
class InvalidSearchRequest extends ErrorResponseException {

	InvalidSearchRequest(String parameter, String detail) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
	}

	private static ProblemDetail problem(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid search parameter");
		problem.setProperty("parameter", parameter);
		return problem;
	}

}
