package dev.onair.search.index;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

import dev.onair.contract.broadcast.BroadcastChanged;
import dev.onair.contract.broadcast.BroadcastStatus;

/**
 * The document layout of a broadcast: which fields are searched, filtered, sorted on and
 * stored. Field names are public because queries and sorts are built against them.
 */
public final class BroadcastDocument {

	/** Broadcast id: exact term for updates, sorted doc values for the last tie-break. */
	public static final String ID = "id";

	/** Analysed title text. */
	public static final String TITLE = "title";

	/** Analysed description text. */
	public static final String DESCRIPTION = "description";

	/** Analysed tag text (one value per tag). */
	public static final String TAGS = "tags";

	/** Normalised whole tags, for the exact {@code tag=} filter. */
	public static final String TAG = "tag";

	/** Lifecycle status name, for filters. */
	public static final String STATUS = "status";

	/** LIVE before ENDED before READY when statuses are mixed. */
	public static final String STATUS_RANK = "status_rank";

	public static final String VIEWERS = "viewers";

	/** Epoch millis, 0 when not started. */
	public static final String STARTED_AT = "started_at";

	/** Epoch millis, 0 when not ended. */
	public static final String ENDED_AT = "ended_at";

	private static final String STARTED_AT_TEXT = "started_at_text";

	private static final String THUMBNAIL_URL = "thumbnail_url";

	private BroadcastDocument() {
	}

	/**
	 * The document for a snapshot. Viewers count only while LIVE: a count that arrives
	 * after the end must not keep an ended broadcast ranked as if people were watching.
	 */
	static Document of(BroadcastChanged snapshot, long viewers, Analyzer analyzer) {
		Document doc = new Document();
		doc.add(new StringField(ID, snapshot.id(), Store.YES));
		doc.add(new SortedDocValuesField(ID, new BytesRef(snapshot.id())));
		doc.add(new TextField(TITLE, snapshot.title(), Store.YES));
		doc.add(new TextField(DESCRIPTION, snapshot.description(), Store.YES));
		for (String tag : snapshot.tags()) {
			doc.add(new TextField(TAGS, tag, Store.YES));
			doc.add(new StringField(TAG, normalizedTag(analyzer, tag), Store.NO));
		}
		doc.add(new StringField(STATUS, snapshot.status().name(), Store.YES));
		doc.add(new NumericDocValuesField(STATUS_RANK, rank(snapshot.status())));
		long current = (snapshot.status() == BroadcastStatus.LIVE) ? viewers : 0;
		doc.add(new NumericDocValuesField(VIEWERS, current));
		doc.add(new StoredField(VIEWERS, current));
		doc.add(new NumericDocValuesField(STARTED_AT, millis(snapshot.startedAt())));
		doc.add(new NumericDocValuesField(ENDED_AT, millis(snapshot.endedAt())));
		if (snapshot.startedAt() != null) {
			doc.add(new StoredField(STARTED_AT_TEXT, snapshot.startedAt().toString()));
		}
		if (snapshot.thumbnailUrl() != null) {
			doc.add(new StoredField(THUMBNAIL_URL, snapshot.thumbnailUrl()));
		}
		return doc;
	}

	static IndexedBroadcast read(Document doc) {
		String startedAt = doc.get(STARTED_AT_TEXT);
		return new IndexedBroadcast(doc.get(ID), doc.get(TITLE), doc.get(DESCRIPTION),
				List.copyOf(Arrays.asList(doc.getValues(TAGS))), BroadcastStatus.valueOf(doc.get(STATUS)),
				doc.getField(VIEWERS).numericValue().longValue(), (startedAt != null) ? Instant.parse(startedAt) : null,
				doc.get(THUMBNAIL_URL));
	}

	/**
	 * A tag as the {@link #TAG} filter stores it: trimmed, width-, case- and
	 * accent-folded.
	 */
	public static String normalizedTag(Analyzer analyzer, String tag) {
		return analyzer.normalize(TAG, tag.strip()).utf8ToString();
	}

	private static int rank(BroadcastStatus status) {
		return switch (status) {
			case LIVE -> 0;
			case ENDED -> 1;
			case READY -> 2;
		};
	}

	private static long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : 0;
	}

}
