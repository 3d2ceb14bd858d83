/**
 * The in-memory Lucene index of broadcasts: how text is analysed (CJK bigrams, folded
 * Latin), how a snapshot plus its viewer count becomes a document, and near-real-time
 * searchers over it. Rebuilt from Kafka on every start, never persisted.
 */
package dev.onair.search.index;
