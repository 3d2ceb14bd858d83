package dev.onair.search.index;

import java.util.List;

/**
 * One page of a search.
 *
 * @param total how many broadcasts match in all (exact)
 * @param items the requested page, in order
 */
public record SearchHits(long total, List<IndexedBroadcast> items) {

}
