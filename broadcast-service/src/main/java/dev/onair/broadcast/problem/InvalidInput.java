package dev.onair.broadcast.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A 400 naming every bad field of a request. */
public class InvalidInput extends ApiProblem {

	public InvalidInput(List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", summary(errors));
		getBody().setProperty("errors", List.copyOf(errors));
	}

	public static InvalidInput of(String field, String message) {
		return new InvalidInput(List.of(new FieldError(field, message)));
	}

	private static String summary(List<FieldError> errors) {
		return errors.size() + ((errors.size() == 1) ? " field is" : " fields are") + " invalid: "
				+ String.join(", ", errors.stream().map((e) -> e.field().isEmpty() ? "body" : e.field()).toList())
				+ ".";
	}

}
