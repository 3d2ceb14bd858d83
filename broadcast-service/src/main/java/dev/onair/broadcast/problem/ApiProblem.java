package dev.onair.broadcast.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request we refuse, rendered as a problem document. The type is a stable
 * {@code urn:onair:problem:<kind>} clients can switch on.
 */
public class ApiProblem extends ErrorResponseException {

	public ApiProblem(HttpStatus status, String kind, String title, String detail) {
		super(status, problem(status, kind, title, detail), null);
	}

	public static ApiProblem notFound(Object id) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Broadcast not found",
				"There is no broadcast " + id + ".");
	}

	static ProblemDetail problem(HttpStatus status, String kind, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:onair:problem:" + kind));
		problem.setTitle(title);
		return problem;
	}

}
