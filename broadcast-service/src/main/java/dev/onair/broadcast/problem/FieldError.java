package dev.onair.broadcast.problem;

/**
 * One bad field of a request.
 *
 * @param field JSON path of the field, e.g. {@code title} or {@code tags[2]}; empty for
 * the whole body
 * @param message what is wrong, e.g. "must be at most 100 characters"
 */
public record FieldError(String field, String message) {

}
