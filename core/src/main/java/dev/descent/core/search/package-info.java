/**
 * Finding runs: a Lucene index derived from the run store, and the query language over it.
 *
 * <p>{@link dev.descent.core.search.RunSearch} is the entry point the CLI and the web API share:
 * {@code search(query, sort, offset, limit)} returns a {@link dev.descent.core.search.SearchPage} of run ids and
 * the exact total. {@link dev.descent.core.search.RunIndex} keeps the index in step with the store (catch-up by
 * change number, or a full rebuild for {@code descent runs reindex}). {@link dev.descent.core.search.RunQuery}
 * and {@link dev.descent.core.search.RunSort} parse queries and sort specs against the
 * {@link dev.descent.core.search.FieldCatalog} of what is indexed. The language is documented, with examples
 * that a test runs, in {@code docs/query-language.md}.
 */
package dev.descent.core.search;
