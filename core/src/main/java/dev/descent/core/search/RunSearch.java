package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.RunStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Searching runs: the one code path behind {@code descent runs search} and the dashboard's search box.
 *
 * <p>Each search first lets the index catch up with the store (one cheap {@link RunStore#lastSequence} call
 * when nothing changed), so a run written by another process is found without a reindex. The total is counted
 * exactly with {@code IndexSearcher.count}: {@code TopDocs} stops counting at 1,000.
 */
public final class RunSearch {
  /** The largest page; deeper result sets are for {@code runs export}, not for paging. */
  public static final int MAX_LIMIT = 10_000;

  private final RunIndex index;
  private final RunStore store;
  private final boolean catchUp;

  /** Searches that first catch the index up with the store, so they see every committed change. */
  public RunSearch(RunIndex index, RunStore store) {
    this(index, store, true);
  }

  private RunSearch(RunIndex index, RunStore store, boolean catchUp) {
    this.index = index;
    this.store = store;
    this.catchUp = catchUp;
  }

  /**
   * The same searches over the index as it is, for a server that catches the index up in the background: a
   * request then never waits for an index commit while a sweep writes (see {@code web}'s IndexFollower).
   */
  public RunSearch asIs() {
    return new RunSearch(index, store, false);
  }

  /**
   * Runs matching {@code query} (null or blank: all), ordered by {@code sort} ({@code "val_accuracy:desc"},
   * {@code "learning_rate:asc"}; null: newest first), skipping {@code offset} and returning at most
   * {@code limit} ids.
   *
   * @throws DescentException INVALID_INPUT for a bad query, sort, offset or limit
   */
  public SearchPage search(String query, String sort, int offset, int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new DescentException(ErrorCode.INVALID_INPUT, "Invalid page: offset " + offset + ", limit " + limit
          + "; offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
    }
    if (catchUp) {
      index.catchUp(store);
    }
    try {
      return searchOnce(query, sort, offset, limit);
    } catch (DescentException e) {
      if (!IndexDamage.isDamage(e)) {
        throw e;
      }
      index.heal(store, e); // a file garbled after the index was opened and checked
      return searchOnce(query, sort, offset, limit);
    }
  }

  /**
   * The same search for a query and sort built by another dialect over this index's fields (MLflow's filter,
   * translated in {@code web.mlflow}); {@code limit} is the caller's to check.
   */
  public SearchPage searchQuery(Query query, Sort sort, int offset, int limit) {
    if (catchUp) {
      index.catchUp(store);
    }
    RunSearcher searcher = index.acquire();
    try {
      return page(searcher, query, sort, offset, limit);
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Search index at " + index.path() + ": cannot search ("
          + e + "). `descent runs reindex` rebuilds it from the store.", e);
    } finally {
      index.release(searcher);
    }
  }

  private static SearchPage page(RunSearcher searcher, Query parsed, Sort order, int offset, int limit)
      throws IOException {
    long total = searcher.count(parsed);
    if (offset >= total) {
      return new SearchPage(total, List.of());
    }
    int hits = (int) Math.min(total, (long) offset + limit);
    TopFieldDocs top = searcher.search(parsed, hits, order, false);
    return new SearchPage(total, ids(searcher, top.scoreDocs, offset));
  }

  private SearchPage searchOnce(String query, String sort, int offset, int limit) {
    RunSearcher searcher = index.acquire();
    try {
      Query parsed = RunQuery.parse(query, searcher.catalog());
      Sort order = RunSort.parse(sort, searcher.catalog());
      long total = searcher.count(parsed);
      if (offset >= total) {
        return new SearchPage(total, List.of());
      }
      int hits = (int) Math.min(total, (long) offset + limit);
      TopFieldDocs top = searcher.search(parsed, hits, order, false);
      return new SearchPage(total, ids(searcher, top.scoreDocs, offset));
    } catch (IOException e) {
      throw new DescentException(ErrorCode.INTERNAL, "Search index at " + index.path() + ": cannot search ("
          + e + "). `descent runs reindex` rebuilds it from the store.", e);
    } finally {
      index.release(searcher);
    }
  }

  /** How many runs match {@code query}, exactly. */
  public long count(String query) {
    return search(query, null, 0, 1).total();
  }

  /** The fields a query can name now, for help text and the dashboard's field list. */
  public FieldCatalog fields() {
    if (catchUp) {
      index.catchUp(store);
    }
    return index.catalog();
  }

  /**
   * The ids of the hits from {@code offset} on, read from the id's doc values in doc order: stored fields
   * would decompress a block per hit, which cost more than the whole search on a 100k-run index.
   */
  private static List<String> ids(RunSearcher searcher, ScoreDoc[] hits, int offset) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Integer[] order = IntStream.range(offset, hits.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
    String[] ids = new String[hits.length - offset];
    int leaf = -1;
    SortedDocValues values = null;
    for (int i : order) {
      int doc = hits[i].doc;
      if (leaf < 0 || doc >= leaves.get(leaf).docBase + leaves.get(leaf).reader().maxDoc()) {
        leaf = ReaderUtil.subIndex(doc, leaves);
        values = DocValues.getSorted(leaves.get(leaf).reader(), RunFields.ID);
      }
      if (values.advanceExact(doc - leaves.get(leaf).docBase)) {
        ids[i - offset] = values.lookupOrd(values.ordValue()).utf8ToString();
      }
    }
    return Arrays.asList(ids);
  }

}
