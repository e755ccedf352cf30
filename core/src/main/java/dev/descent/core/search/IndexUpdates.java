package dev.descent.core.search;

import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link RunIndex} writes while it holds the write lock: the store's changes since a change number, or
 * every run of the store afresh. Kept apart from RunIndex, which decides when to write and what to do with an
 * index that cannot be read.
 */
final class IndexUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);

  private IndexUpdates() {}

  /**
   * Applies the store's changes after {@code from} up to {@code target} with documents shaped by {@code catalog}
   * (the fields of the commit the writer opened); returns the number of documents written or deleted.
   */
  static int apply(IndexWriter writer, RunStore store, FieldCatalog catalog, long from, long target)
      throws IOException {
    RunDocuments documents = new RunDocuments(catalog);
    Set<String> changed = new HashSet<>();
    long cursor = from;
    for (Page page = Page.read(store, cursor); !page.runs().isEmpty(); page = Page.read(store, cursor)) {
      for (Run run : page.runs()) {
        update(writer, documents, run, page.history(run));
        changed.add(run.id());
      }
      long next = page.last();
      if (next <= cursor) {
        break;
      }
      cursor = next;
    }
    int deleted = applyDeletions(writer, store, from, changed);
    IndexCommits.commit(writer, target);
    return changed.size() + deleted;
  }

  /**
   * A run Lucene refuses (a field whose kind changed under us) is logged and skipped, not allowed to stop
   * every later run from being indexed; a rebuild decides the fields' kinds afresh.
   */
  private static void update(IndexWriter writer, RunDocuments documents, Run run, List<MetricPoint> history)
      throws IOException {
    try {
      writer.updateDocument(new Term(RunFields.ID, run.id()), documents.build(run, history));
    } catch (IllegalArgumentException e) {
      LOG.warn("Run {} cannot be indexed: {}", run.id(), e.getMessage());
    }
  }

  /**
   * Deletions are read after the changes so none that happened meanwhile is missed; an id both changed and
   * deleted is kept only if the store still has it (deleted, then created again).
   */
  private static int applyDeletions(IndexWriter writer, RunStore store, long from, Set<String> changed)
      throws IOException {
    int deleted = 0;
    for (String id : store.deletedSince(from)) {
      if (changed.contains(id) && store.get(id).isPresent()) {
        continue;
      }
      writer.deleteDocuments(new Term(RunFields.ID, id));
      deleted++;
    }
    return deleted;
  }

  /** {@link IndexWriter#deleteAll} forgets the fields' schema too, so field kinds are decided afresh. */
  static int rebuild(IndexWriter writer, RunStore store) throws IOException {
    RunDocuments documents = new RunDocuments(FieldCatalog.empty());
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "reindex-reader"));
    try {
      long target = store.lastSequence();
      writer.deleteAll();
      int count = 0;
      CompletableFuture<Page> next = CompletableFuture.supplyAsync(() -> Page.read(store, 0), reader);
      for (Page page = next.join(); !page.runs().isEmpty(); page = next.join()) {
        long cursor = page.last();
        next = CompletableFuture.supplyAsync(() -> Page.read(store, cursor), reader);
        count += addAll(writer, documents, page);
      }
      IndexCommits.commit(writer, target);
      return count;
    } finally {
      reader.shutdownNow();
    }
  }

  /** Builds and adds documents on the common pool: IndexWriter takes concurrent adds. */
  private static int addAll(IndexWriter writer, RunDocuments documents, Page page) {
    page.runs().parallelStream().forEach(run -> {
      try {
        writer.addDocument(documents.build(run, page.history(run)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return page.runs().size();
  }

  /**
   * One page of changed runs with their per-epoch metric history, read in one batched query for the whole page
   * ({@link RunStore#metricsOf}) rather than one per run, and only of the metrics that have curve fields
   * ({@link CurveFields#hasCurve}): the history is most of what a reindex reads.
   */
  private record Page(List<Run> runs, Map<String, List<MetricPoint>> histories) {
    static Page read(RunStore store, long cursor) {
      List<Run> runs = store.changedSince(cursor, RunIndex.PAGE);
      Set<String> keys = new TreeSet<>();
      runs.forEach(run -> run.summaries().keySet().stream().filter(CurveFields::hasCurve).forEach(keys::add));
      return new Page(runs, keys.isEmpty() ? Map.of()
          : store.metricsOf(runs.stream().map(Run::id).toList(), keys));
    }

    long last() {
      return runs.get(runs.size() - 1).sequence();
    }

    List<MetricPoint> history(Run run) {
      return histories.getOrDefault(run.id(), List.of());
    }
  }
}
