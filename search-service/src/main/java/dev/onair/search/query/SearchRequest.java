package dev.onair.search.query;

import java.util.Locale;

/**
 * A validated search request.
 *
 * @param text what the user typed, possibly empty (then the request lists)
 * @param status which statuses to cover
 * @param tag exact tag to filter on, or {@code null}
 * @param page zero-based page number
 * @param size page size
 */
record SearchRequest(String text, StatusFilter status, String tag, int page, int size) {

	private static final int MAX_TAG_LENGTH = 100;

	/**
	 * Parses raw query parameters, rejecting anything out of bounds with a precise
	 * reason.
	 */
	static SearchRequest parse(String q, String status, String tag, String page, String size, QueryLimits limits) {
		String text = text(q, limits);
		StatusFilter filter = status(status);
		if (tag != null && tag.length() > MAX_TAG_LENGTH) {
			throw new InvalidSearchRequest("tag", "tag must be at most " + MAX_TAG_LENGTH + " characters");
		}
		int pageNumber = integer("page", page, 0);
		int pageSize = integer("size", size, limits.defaultPageSize());
		if (pageNumber < 0) {
			throw new InvalidSearchRequest("page", "page must be 0 or more");
		}
		if (pageSize < 1 || pageSize > limits.maxPageSize()) {
			throw new InvalidSearchRequest("size", "size must be between 1 and " + limits.maxPageSize());
		}
		if ((long) (pageNumber + 1) * pageSize > limits.maxResultWindow()) {
			throw new InvalidSearchRequest("page",
					"page * size may reach at most the first " + limits.maxResultWindow() + " results");
		}
		String tagFilter = (tag == null || tag.isBlank()) ? null : tag;
		return new SearchRequest(text, filter, tagFilter, pageNumber, pageSize);
	}

	/** The text part of a request; also used by suggestions. */
	static String text(String q, QueryLimits limits) {
		if (q == null) {
			return "";
		}
		if (q.length() > limits.maxQueryLength()) {
			throw new InvalidSearchRequest("q", "q must be at most " + limits.maxQueryLength() + " characters");
		}
		return q;
	}

	private static StatusFilter status(String status) {
		if (status == null || status.isBlank()) {
			return StatusFilter.LIVE;
		}
		try {
			return StatusFilter.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSearchRequest("status", "status must be one of LIVE, ENDED, ALL");
		}
	}

	private static int integer(String name, String value, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidSearchRequest(name, name + " must be an integer");
		}
	}

}
