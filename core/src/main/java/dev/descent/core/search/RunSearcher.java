package dev.descent.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * A point-in-time searcher that carries what is known about its snapshot: the field catalogue (so a query is
 * parsed against exactly the fields it will run on) and the store change number the snapshot's commit applied.
 * Both are computed once per refresh, not per query.
 */
final class RunSearcher extends IndexSearcher {
  private final FieldCatalog catalog;
  private final long sequence;

  RunSearcher(IndexReader reader) throws IOException {
    super(reader);
    this.catalog = FieldCatalog.of(reader);
    this.sequence = reader instanceof DirectoryReader d
        ? IndexCommits.sequence(d.getIndexCommit().getUserData()).orElse(0) : 0;
  }

  FieldCatalog catalog() {
    return catalog;
  }

  /** The store change number this snapshot has applied up to. */
  long sequence() {
    return sequence;
  }

  /** Makes {@link org.apache.lucene.search.SearcherManager} hand out {@link RunSearcher}s. */
  static SearcherFactory factory() {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
        try {
          return new RunSearcher(reader);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
