package dev.onair.search.index;

import java.io.Reader;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Text analysis shared by indexing and querying. Korean (and other CJK) runs become
 * overlapping bigrams, so a word matches inside a compound written without spaces
 * ({@code 게임} in {@code 리그오브레전드랭크게임}); Latin text is lower-cased and accent-folded.
 * Full-width forms are folded to their usual width first.
 * <p>
 * The indexing variant also keeps single CJK characters, so a one-syllable query (which
 * the query variant emits as a lone unigram) still finds its documents.
 */
public final class TextAnalyzer extends Analyzer {

	private static final int CJK_SCRIPTS = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
			| CJKBigramFilter.HANGUL;

	private static final Pattern SCRIPT_BOUNDARY = Pattern
		.compile("(?<=\\p{IsHangul})(?=[\\p{IsLatin}\\p{Nd}])|(?<=[\\p{IsLatin}\\p{Nd}])(?=\\p{IsHangul})");

	private final boolean unigrams;

	private TextAnalyzer(boolean unigrams) {
		this.unigrams = unigrams;
	}

	public static TextAnalyzer forIndexing() {
		return new TextAnalyzer(true);
	}

	public static TextAnalyzer forQueries() {
		return new TextAnalyzer(false);
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		StandardTokenizer source = new StandardTokenizer();
		TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
		return new TokenStreamComponents(source, new CJKBigramFilter(stream, CJK_SCRIPTS, this.unigrams));
	}

	@Override
	protected Reader initReader(String fieldName, Reader reader) {
		return new PatternReplaceCharFilter(SCRIPT_BOUNDARY, " ", new CJKWidthCharFilter(reader));
	}

	@Override
	protected Reader initReaderForNormalization(String fieldName, Reader reader) {
		return new CJKWidthCharFilter(reader);
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new ASCIIFoldingFilter(new LowerCaseFilter(in));
	}

}
