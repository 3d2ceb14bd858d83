/**
 * The HTTP read side: {@code GET /api/search} and {@code /api/search/suggest}. Validates
 * parameters, turns user text into Lucene queries built from analysed terms (never
 * through a query parser) and pages through the index.
 */
package dev.onair.search.query;
