package dev.onair.search.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

import org.springframework.stereotype.Component;

import dev.onair.search.index.BroadcastDocument;
import dev.onair.search.index.BroadcastIndex;
import dev.onair.search.index.IndexedBroadcast;
import dev.onair.search.index.SearchHits;
import dev.onair.search.index.TextAnalyzer;

/**
 * Runs list, search and suggestion requests against the index. Without text the order is
 * LIVE first, most viewers, then most recently ended and started; with text, matches in
 * titles outrank tags, which outrank descriptions, and the same order breaks ties. The
 * broadcast id is the last tie-break, so equal indexes give equal pages.
 */
@Component
class BroadcastSearch {

	private static final int MAX_SUGGESTIONS = 8;

	/** Fetch more than needed: several broadcasts may share a title. */
	private static final int SUGGESTION_CANDIDATES = 64;

	private static final Map<String, Float> SEARCH_FIELDS = Map.of(BroadcastDocument.TITLE, 3f, BroadcastDocument.TAGS,
			2f, BroadcastDocument.DESCRIPTION, 1f);

	private static final Map<String, Float> TITLE_ONLY = Map.of(BroadcastDocument.TITLE, 1f);

	private static final SortField[] POPULARITY = { new SortField(BroadcastDocument.STATUS_RANK, SortField.Type.LONG),
			new SortField(BroadcastDocument.VIEWERS, SortField.Type.LONG, true),
			new SortField(BroadcastDocument.ENDED_AT, SortField.Type.LONG, true),
			new SortField(BroadcastDocument.STARTED_AT, SortField.Type.LONG, true),
			new SortField(BroadcastDocument.ID, SortField.Type.STRING) };

	private static final Sort LISTING = new Sort(POPULARITY);

	private static final Sort RELEVANCE = new Sort(relevanceFirst());

	private final BroadcastIndex index;

	private final TextAnalyzer analyzer = TextAnalyzer.forQueries();

	private final TextQuery textQuery = new TextQuery(this.analyzer);

	BroadcastSearch(BroadcastIndex index) {
		this.index = index;
	}

	SearchPage search(SearchRequest request) {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		boolean hasText = !request.text().isBlank();
		if (hasText) {
			Optional<Query> text = this.textQuery.build(request.text(), SEARCH_FIELDS);
			if (text.isEmpty()) {
				return new SearchPage(List.of(), 0, request.page(), request.size());
			}
			query.add(text.get(), Occur.MUST);
		}
		else {
			query.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		query.add(statusFilter(request.status()), Occur.FILTER);
		if (request.tag() != null) {
			String tag = BroadcastDocument.normalizedTag(this.analyzer, request.tag());
			query.add(new TermQuery(new Term(BroadcastDocument.TAG, tag)), Occur.FILTER);
		}
		SearchHits hits = this.index.search(query.build(), hasText ? RELEVANCE : LISTING,
				request.page() * request.size(), request.size());
		return new SearchPage(hits.items(), hits.total(), request.page(), request.size());
	}

	/** Up to 8 distinct titles (compared case-insensitively) matching the typed text. */
	Suggestions suggest(String text) {
		Optional<Query> titleQuery = text.isBlank() ? Optional.empty() : this.textQuery.build(text, TITLE_ONLY);
		if (titleQuery.isEmpty()) {
			return new Suggestions(List.of());
		}
		Query query = new BooleanQuery.Builder().add(titleQuery.get(), Occur.MUST)
			.add(statusFilter(StatusFilter.ALL), Occur.FILTER)
			.build();
		Map<String, String> titles = new LinkedHashMap<>();
		for (IndexedBroadcast item : this.index.search(query, RELEVANCE, 0, SUGGESTION_CANDIDATES).items()) {
			titles.putIfAbsent(item.title().toLowerCase(Locale.ROOT), item.title());
			if (titles.size() == MAX_SUGGESTIONS) {
				break;
			}
		}
		return new Suggestions(List.copyOf(titles.values()));
	}

	private static Query statusFilter(StatusFilter filter) {
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		filter.statuses()
			.forEach((status) -> any.add(new TermQuery(new Term(BroadcastDocument.STATUS, status.name())),
					Occur.SHOULD));
		return any.build();
	}

	private static SortField[] relevanceFirst() {
		SortField[] fields = new SortField[POPULARITY.length + 1];
		fields[0] = SortField.FIELD_SCORE;
		System.arraycopy(POPULARITY, 0, fields, 1, POPULARITY.length);
		return fields;
	}

}
