package dev.onair.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.onair.contract.broadcast.BroadcastChanged;

/**
 * The replica's whole index. Writes come from the Kafka consumers, one snapshot or count
 * at a time; reads are point-in-time searchers that a background thread reopens at least
 * every {@link IndexSettings#maxStaleness()}, so a change is searchable well within a
 * second without paying for a reopen per record during catch-up.
 * <p>
 * The latest snapshot and count per broadcast are also kept in memory: a count may arrive
 * before its broadcast (two topics, no order between them), and a snapshot must be
 * re-indexed with the current count and vice versa.
 */
@Component
public class BroadcastIndex implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BroadcastIndex.class);

	private final TextAnalyzer analyzer = TextAnalyzer.forIndexing();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final ControlledRealTimeReopenThread<IndexSearcher> reopener;

	private final Map<String, BroadcastChanged> snapshots = new HashMap<>();

	private final Map<String, Long> viewers = new HashMap<>();

	public BroadcastIndex(IndexSettings settings) throws IOException {
		this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(this.analyzer));
		this.searchers = new SearcherManager(this.writer, null);
		double staleSeconds = settings.maxStaleness().toNanos() / 1e9;
		this.reopener = new ControlledRealTimeReopenThread<>(this.writer, this.searchers, staleSeconds,
				Math.min(staleSeconds, 0.01));
		this.reopener.setName("search-index-reopen");
		this.reopener.setDaemon(true);
		this.reopener.start();
	}

	/**
	 * Indexes a snapshot unless a snapshot of the same or a higher version is already
	 * indexed (replays and out-of-order duplicates are no-ops).
	 * @return whether the index changed
	 */
	public synchronized boolean apply(BroadcastChanged snapshot) {
		BroadcastChanged current = this.snapshots.get(snapshot.id());
		if (current != null && current.version() >= snapshot.version()) {
			return false;
		}
		this.snapshots.put(snapshot.id(), snapshot);
		write(snapshot);
		return true;
	}

	/** Records a room's viewer count and re-indexes its broadcast if it is known. */
	public synchronized void applyViewers(String room, long count) {
		Long previous = this.viewers.put(room, count);
		BroadcastChanged snapshot = this.snapshots.get(room);
		if (snapshot != null && (previous == null || previous != count)) {
			write(snapshot);
		}
	}

	/** Forgets a broadcast (a tombstone on the compacted topic). */
	public synchronized void remove(String id) {
		this.snapshots.remove(id);
		this.viewers.remove(id);
		try {
			this.writer.deleteDocuments(new Term(BroadcastDocument.ID, id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many broadcasts are indexed (any status). */
	public synchronized int size() {
		return this.snapshots.size();
	}

	/** Makes every write so far searchable before returning. */
	public void refreshNow() {
		try {
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs a query on the current searcher; the total is exact. */
	public SearchHits search(Query query, Sort sort, int offset, int limit) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				TopFieldDocs top = searcher.search(query,
						new TopFieldCollectorManager(sort, offset + limit, null, Integer.MAX_VALUE));
				StoredFields stored = searcher.storedFields();
				List<IndexedBroadcast> items = new ArrayList<>();
				for (int i = offset; i < top.scoreDocs.length; i++) {
					ScoreDoc hit = top.scoreDocs[i];
					items.add(BroadcastDocument.read(stored.document(hit.doc)));
				}
				return new SearchHits(top.totalHits.value(), items);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write(BroadcastChanged snapshot) {
		long count = this.viewers.getOrDefault(snapshot.id(), 0L);
		try {
			this.writer.updateDocument(new Term(BroadcastDocument.ID, snapshot.id()),
					BroadcastDocument.of(snapshot, count, this.analyzer));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void destroy() throws IOException {
		this.reopener.close();
		this.searchers.close();
		this.writer.close();
		log.info("Search index closed");
	}

}
