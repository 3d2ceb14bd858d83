package dev.onair.search.query;

import java.util.List;

/**
 * The body of {@code GET /api/search/suggest}.
 *
 * @param titles up to 8 distinct titles matching what was typed, best first
 */
record Suggestions(List<String> titles) {

}
