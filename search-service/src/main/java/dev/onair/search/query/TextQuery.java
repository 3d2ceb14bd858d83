package dev.onair.search.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a user typed into a Lucene query without a query parser: the text goes
 * through the query analyzer and every resulting term becomes a term query, so
 * {@code "(+*} and friends are plain characters (the tokenizer drops them). Every term
 * must match in at least one field. The last term is a prefix while it is still being
 * typed (Latin letters or digits, no trailing space), so {@code mine} finds
 * {@code Minecraft}; CJK bigrams need no prefix, any two adjacent syllables already
 * match.
 * <p>
 * Each field match scores a constant (its field boost) instead of BM25: scores then do
 * not depend on index statistics such as deleted documents, so two replicas with
 * different update histories rank identically, and popularity breaks ties.
 */
final class TextQuery {

	private static final Set<String> PREFIXABLE = Set.of(StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM],
			StandardTokenizer.TOKEN_TYPES[StandardTokenizer.NUM]);

	private final Analyzer analyzer;

	TextQuery(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	/**
	 * The query for {@code text} over {@code fieldBoosts}, or empty when the text holds
	 * no searchable term (only punctuation, say).
	 */
	Optional<Query> build(String text, Map<String, Float> fieldBoosts) {
		Map<String, Boolean> terms = terms(text);
		if (terms.isEmpty()) {
			return Optional.empty();
		}
		BooleanQuery.Builder all = new BooleanQuery.Builder();
		terms.forEach((term, prefix) -> {
			List<Query> perField = new ArrayList<>();
			fieldBoosts.forEach((field, boost) -> {
				Term fieldTerm = new Term(field, term);
				Query match = prefix ? new PrefixQuery(fieldTerm) : new TermQuery(fieldTerm);
				perField.add(new BoostQuery(new ConstantScoreQuery(match), boost));
			});
			all.add(new DisjunctionMaxQuery(perField, 0f), Occur.MUST);
		});
		return Optional.of(all.build());
	}

	/** Distinct analysed terms in order, each mapped to whether it is a prefix. */
	private Map<String, Boolean> terms(String text) {
		Map<String, Boolean> terms = new LinkedHashMap<>();
		String last = null;
		boolean lastPrefixable = false;
		try (TokenStream stream = this.analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			TypeAttribute type = stream.addAttribute(TypeAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				last = term.toString();
				lastPrefixable = PREFIXABLE.contains(type.type());
				terms.putIfAbsent(last, false);
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		boolean stillTyping = !text.isEmpty() && !Character.isWhitespace(text.charAt(text.length() - 1));
		if (last != null && lastPrefixable && stillTyping) {
			terms.put(last, true);
		}
		return terms;
	}

}
