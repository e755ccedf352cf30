package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.SleepingLockWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of runs: derived from a {@link RunStore}, never the system of record.
 *
 * <p>The store numbers every change; each commit of the index records the change number it has applied up to,
 * so an index that lags (a crash, runs written by another process) catches up by itself with
 * {@link #catchUp} rather than needing a rebuild. {@link #rebuild} drops everything and reindexes in bulk for
 * {@code descent runs reindex}. Searches go through a {@link SearcherManager} refreshed after each update.
 *
 * <p>Several processes share one index (a dashboard, {@code descent runs search} in a terminal), and only one
 * can hold Lucene's write lock. So no process keeps a writer open: a catch-up takes the lock for as long as it
 * writes, starting from whatever the last commit (of any process) applied. Every catch-up commits anyway, since
 * the applied change number must be as durable as the documents, so a long-lived near-real-time writer would
 * not make changes visible any sooner.
 */
public final class RunIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);
  static final int PAGE = 5_000;
  /** How long to wait for another process's catch-up to release the write lock. */
  private static final long LOCK_WAIT_MS = 10_000;

  private final Path path;
  private final Directory directory;
  private final SearcherManager searchers;
  private final Object writeLock = new Object();

  private RunIndex(Path path) throws IOException {
    this.path = path;
    this.directory = FSDirectory.open(path);
    if (!DirectoryReader.indexExists(directory)) {
      try (IndexWriter writer = openWriter()) {
        IndexCommits.commit(writer, IndexCommits.sequence(writer).orElse(0));
      }
    }
    this.searchers = new SearcherManager(directory, RunSearcher.factory());
  }

  /** Opens (or creates) the index in {@code dir} and brings it up to date with {@code store}. */
  public static RunIndex open(Path dir, RunStore store) {
    RunIndex index = open(dir);
    try {
      index.catchUp(store);
      return index;
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  /** Opens (or creates) the index in {@code dir} as it is; call {@link #catchUp} to bring it up to date. */
  public static RunIndex open(Path dir) {
    try {
      return new RunIndex(dir);
    } catch (IOException e) {
      throw failure(dir, "cannot open", e);
    }
  }

  private IndexWriter openWriter() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(RunAnalyzers.create())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(128);
    return new IndexWriter(new SleepingLockWrapper(directory, LOCK_WAIT_MS), config);
  }

  /**
   * Applies the store's changes since the last applied change number: created and updated runs, then
   * deletions. Returns how many documents were written or deleted. Safe to call before every search: when
   * nothing changed it costs one {@link RunStore#lastSequence} call. An index
   * ahead of its store (the store was replaced or restored) or of another format is rebuilt.
   */
  public int catchUp(RunStore store) {
    if (store.lastSequence() == lastIndexedSequence()) {
      return 0;
    }
    refresh(); // another process may have caught up already
    if (store.lastSequence() == lastIndexedSequence()) {
      return 0;
    }
    synchronized (writeLock) {
      try {
        int applied = write(writer -> {
          long from = IndexCommits.sequence(writer).orElse(-1);
          long target = store.lastSequence();
          if (target < from || from < 0) {
            LOG.warn("Search index {} is at change {} but store {} at {}: rebuilding the index", path, from,
                store.location(), target);
            return rebuild(writer, store);
          }
          return target == from ? 0 : apply(writer, store, from, target);
        });
        refresh();
        return applied;
      } catch (LockObtainFailedException e) {
        LOG.warn("Search index {} is being updated by another process; searching it as it is", path);
        return 0;
      } catch (IOException e) {
        throw failure(path, "cannot update", e);
      }
    }
  }

  /** Work done holding the index's write lock. */
  private interface Write {
    int run(IndexWriter writer) throws IOException;
  }

  /**
   * Runs {@code work} with a writer of its own. Closing waits for merges and commits their result, so searches
   * do not pile up small segments; a failure rolls everything back to the last commit.
   */
  private int write(Write work) throws IOException {
    IndexWriter writer = openWriter();
    try {
      int result = work.run(writer);
      writer.close();
      return result;
    } catch (IOException | RuntimeException e) {
      writer.rollback();
      throw e;
    }
  }

  private int apply(IndexWriter writer, RunStore store, long from, long target) throws IOException {
    refresh(); // the commit the writer opened, so new documents agree with its fields
    RunDocuments documents = new RunDocuments(catalog());
    Set<String> changed = new HashSet<>();
    long cursor = from;
    for (List<Run> page = store.changedSince(cursor, PAGE); !page.isEmpty(); page = store.changedSince(cursor, PAGE)) {
      for (Run run : page) {
        update(writer, documents, run);
        changed.add(run.id());
      }
      long next = page.get(page.size() - 1).sequence();
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
  private static void update(IndexWriter writer, RunDocuments documents, Run run) throws IOException {
    try {
      writer.updateDocument(new Term(RunFields.ID, run.id()), documents.build(run));
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

  /**
   * Drops every document and indexes every run of the store again, in bulk: one writer, a large RAM buffer,
   * the next page read from the store while this one is indexed, one commit at the end. Returns the number of
   * runs indexed.
   */
  public int rebuild(RunStore store) {
    synchronized (writeLock) {
      try {
        int count = write(writer -> rebuild(writer, store));
        refresh();
        return count;
      } catch (LockObtainFailedException e) {
        throw new DescentException(ErrorCode.INVALID_INPUT, "The search index at " + path + " is being"
            + " updated by another descent process for over " + LOCK_WAIT_MS / 1000 + " s; try again later.", e);
      } catch (IOException e) {
        throw failure(path, "cannot rebuild", e);
      } catch (UncheckedIOException e) {
        throw failure(path, "cannot rebuild", e.getCause());
      }
    }
  }

  /** {@link IndexWriter#deleteAll} forgets the fields' schema too, so field kinds are decided afresh. */
  private int rebuild(IndexWriter writer, RunStore store) throws IOException {
    RunDocuments documents = new RunDocuments(FieldCatalog.empty());
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "reindex-reader"));
    try {
      long target = store.lastSequence();
      writer.deleteAll();
      int count = 0;
      CompletableFuture<List<Run>> next = CompletableFuture.supplyAsync(() -> store.changedSince(0, PAGE), reader);
      for (List<Run> page = next.join(); !page.isEmpty(); page = next.join()) {
        long cursor = page.get(page.size() - 1).sequence();
        next = CompletableFuture.supplyAsync(() -> store.changedSince(cursor, PAGE), reader);
        count += addAll(writer, documents, page);
      }
      IndexCommits.commit(writer, target);
      return count;
    } finally {
      reader.shutdownNow();
    }
  }

  /** Builds and adds documents on the common pool: IndexWriter takes concurrent adds. */
  private static int addAll(IndexWriter writer, RunDocuments documents, List<Run> page) {
    page.parallelStream().forEach(run -> {
      try {
        writer.addDocument(documents.build(run));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return page.size();
  }

  /** Makes searches see the latest commit, whichever process made it. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw failure(path, "cannot refresh", e);
    }
  }

  /** The store change number the index (as this process last saw it) has applied up to. */
  public long lastIndexedSequence() {
    RunSearcher searcher = acquire();
    try {
      return searcher.sequence();
    } finally {
      release(searcher);
    }
  }

  /** The fields a query can name right now. */
  public FieldCatalog catalog() {
    RunSearcher searcher = acquire();
    try {
      return searcher.catalog();
    } finally {
      release(searcher);
    }
  }

  public Path path() {
    return path;
  }

  RunSearcher acquire() {
    try {
      return (RunSearcher) searchers.acquire();
    } catch (IOException e) {
      throw failure(path, "cannot read", e);
    }
  }

  void release(RunSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw failure(path, "cannot release a searcher of", e);
    }
  }

  private static DescentException failure(Path path, String what, IOException e) {
    return new DescentException(ErrorCode.INTERNAL, "Search index at " + path + ": " + what + " it (" + e
        + "). It is derived from the run store: `descent runs reindex` rebuilds it.", e);
  }

  @Override
  public void close() {
    try {
      searchers.close();
      directory.close();
    } catch (IOException e) {
      throw failure(path, "cannot close", e);
    }
  }
}
