package dev.onair.search.query;

import java.util.List;

import dev.onair.search.index.IndexedBroadcast;

/**
 * The body of {@code GET /api/search}.
 *
 * @param items the page's broadcasts, in order
 * @param total how many broadcasts match in all
 * @param page zero-based page number
 * @param size requested page size
 */
record SearchPage(List<IndexedBroadcast> items, long total, int page, int size) {

}
