package dev.descent.core.search;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.StoreFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
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
 *
 * <p>An index that cannot be read (a truncated, garbled or missing file, another Lucene's format) or that is
 * ahead of its store (the store was replaced or restored) is never deleted: it is moved aside to a sibling
 * directory ({@code index.corrupt-<UTC time>}, {@code index.ahead-...}) and rebuilt from the store, with one
 * warning naming where the old one went. Opening checks every file's checksum so a garbled file is found then,
 * not by a search halfway through a command.
 */
public final class RunIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);
  static final int PAGE = 5_000;
  /** How long to wait for another process's catch-up to release the write lock. */
  private static final long LOCK_WAIT_MS = 10_000;

  private final Path path;
  private final Clock clock;
  private final Consumer<String> warnings;
  /** Replaced (under {@link #writeLock}) only when a damaged index is moved aside. */
  private volatile Directory directory;
  private volatile SearcherManager searchers;
  private final Object writeLock = new Object();

  private RunIndex(Path path, Clock clock, Consumer<String> warnings) throws IOException {
    this.path = path;
    this.clock = clock;
    this.warnings = warnings;
    try {
      if (hasFilesButNoCommit(path)) {
        synchronized (writeLock) {
          setAside("corrupt", "has index files but no commit (segments_N)");
        }
        return;
      }
      openLucene();
    } catch (IOException | RuntimeException e) {
      if (!IndexDamage.isDamage(e)) {
        closeLucene();
        throw e;
      }
      synchronized (writeLock) {
        setAside("corrupt", damaged(e));
      }
    }
  }

  /**
   * An index whose commit file is gone (or a directory holding files named like Lucene's): creating an index
   * there would quietly delete them, so the directory is moved aside instead.
   */
  private static boolean hasFilesButNoCommit(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> files = Files.list(path)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      // Lucene deletes files named like its own (_x.ext) that no commit refers to: renaming loses nothing
      return names.stream().noneMatch(n -> n.startsWith(IndexFileNames.SEGMENTS))
          && names.stream().anyMatch(n -> IndexFileNames.CODEC_FILE_PATTERN.matcher(n).matches());
    }
  }

  /** Opens the directory (creating an empty index if there is none) and checks every file's checksum. */
  private void openLucene() throws IOException {
    directory = FSDirectory.open(path);
    if (!DirectoryReader.indexExists(directory)) {
      try (IndexWriter writer = openWriter()) {
        IndexCommits.commit(writer, IndexCommits.sequence(writer).orElse(0));
      }
    }
    searchers = new SearcherManager(directory, RunSearcher.factory());
    RunSearcher searcher = (RunSearcher) searchers.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        leaf.reader().checkIntegrity();
      }
    } finally {
      searchers.release(searcher);
    }
  }

  private void closeLucene() {
    try {
      if (searchers != null) {
        searchers.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the searchers of {}", path, e);
    }
    try {
      if (directory != null) {
        directory.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing {}", path, e);
    }
  }

  /**
   * Moves the index directory aside (never deleting it) and starts an empty index in its place, whose change
   * number 0 makes the next {@link #catchUp} index the whole store. Holds Lucene's write lock while moving, so
   * another process's catch-up is not cut in half. Caller holds {@link #writeLock}.
   */
  private static String damaged(Throwable cause) {
    return "is damaged (" + IndexDamage.describe(cause) + ")";
  }

  private void setAside(String reason, String why) {
    closeLucene();
    Path moved;
    try (Directory dir = FSDirectory.open(path);
        Lock lock = new SleepingLockWrapper(dir, LOCK_WAIT_MS).obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      moved = IndexDamage.moveAside(path, reason, clock);
    } catch (IOException e) {
      throw failure(path, "cannot move aside the " + reason + " index", e);
    }
    warnings.accept("Search index " + path + " " + why + "; moved it to " + moved
        + " (kept for inspection) and rebuilding the index from the store");
    try {
      openLucene();
    } catch (IOException e) {
      throw failure(path, "cannot create", e);
    }
  }

  /** Opens (or creates) the index in {@code dir} and brings it up to date with {@code store}. */
  public static RunIndex open(Path dir, RunStore store) {
    return open(dir, store, Clock.systemUTC(), LOG::warn);
  }

  /**
   * As {@link #open(Path, RunStore)}, dating an index moved aside by {@code clock} and saying so (one message
   * each time) to {@code warnings} instead of the log.
   */
  public static RunIndex open(Path dir, RunStore store, Clock clock, Consumer<String> warnings) {
    RunIndex index = open(dir, clock, warnings);
    try {
      index.catchUp(store);
      return index;
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
  }

  /**
   * Opens (or creates) the index in {@code dir} as it is; call {@link #catchUp} to bring it up to date. A
   * damaged index is moved aside and replaced by an empty one, which the first catch-up fills.
   */
  public static RunIndex open(Path dir) {
    return open(dir, Clock.systemUTC(), LOG::warn);
  }

  static RunIndex open(Path dir, Clock clock, Consumer<String> warnings) {
    try {
      return new RunIndex(dir, clock, warnings);
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
   * nothing changed it costs one {@link RunStore#lastSequence} call. An index ahead of its store (the store
   * was replaced or restored), of another format, or damaged is moved aside and rebuilt.
   */
  public int catchUp(RunStore store) {
    try {
      return tryCatchUp(store);
    } catch (RuntimeException e) {
      if (!IndexDamage.isDamage(e)) {
        throw e;
      }
      return heal(store, e);
    }
  }

  /**
   * Moves a damaged index aside and rebuilds it from {@code store}; returns the number of runs indexed. For a
   * caller that found the damage itself (a search that hit a garbled file).
   */
  public int heal(RunStore store, Throwable damage) {
    synchronized (writeLock) {
      setAside("corrupt", damaged(damage));
    }
    return rebuild(store);
  }

  private static final int AHEAD = -1;

  private int tryCatchUp(RunStore store) {
    if (store.lastSequence() == lastIndexedSequence()) {
      return 0;
    }
    refresh(); // another process may have caught up already
    if (store.lastSequence() == lastIndexedSequence()) {
      return 0;
    }
    synchronized (writeLock) {
      try {
        long[] seen = new long[2];
        int applied = write(writer -> {
          if (IndexCommits.olderFormat(writer)) {
            LOG.info("Search index {} was written by an older descent; rebuilding it from the store once", path);
            return IndexUpdates.rebuild(writer, store);
          }
          long from = IndexCommits.sequence(writer).orElse(-1);
          long target = store.lastSequence();
          seen[0] = from;
          seen[1] = target;
          if (target < from || from < 0) {
            return AHEAD;
          }
          if (target == from) {
            return 0;
          }
          refresh(); // the commit the writer opened, so new documents agree with its fields
          return IndexUpdates.apply(writer, store, catalog(), from, target);
        });
        if (applied == AHEAD) {
          if (seen[0] < 0) {
            setAside("other-format", "has another format than " + IndexCommits.FORMAT);
          } else {
            setAside("ahead", "is at change " + seen[0] + " but store " + store.location() + " at " + seen[1]
                + " (was the store replaced or restored?)");
          }
          applied = write(writer -> IndexUpdates.rebuild(writer, store));
        }
        refresh();
        return applied;
      } catch (LockObtainFailedException e) {
        LOG.warn("Search index {} is being updated by another process; searching it as it is", path);
        return 0;
      } catch (IOException e) {
        throw failure(path, "cannot update", e);
      } catch (UncheckedIOException e) {
        throw failure(path, "cannot update", e.getCause());
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

  /**
   * Drops every document and indexes every run of the store again, in bulk: one writer, a large RAM buffer,
   * the next page read from the store while this one is indexed, one commit at the end. Returns the number of
   * runs indexed.
   */
  public int rebuild(RunStore store) {
    synchronized (writeLock) {
      try {
        int count;
        try {
          count = write(writer -> IndexUpdates.rebuild(writer, store));
        } catch (IOException | RuntimeException e) {
          if (!IndexDamage.isDamage(e)) {
            throw e;
          }
          setAside("corrupt", damaged(e));
          count = write(writer -> IndexUpdates.rebuild(writer, store));
        }
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
    for (int attempt = 0; ; attempt++) {
      SearcherManager current = searchers;
      try {
        return (RunSearcher) current.acquire();
      } catch (AlreadyClosedException e) {
        if (current == searchers && attempt > 2) {
          throw e; // closed for good, not replaced by a heal
        }
        Thread.onSpinWait();
      } catch (IOException e) {
        throw failure(path, "cannot read", e);
      }
    }
  }

  void release(RunSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw failure(path, "cannot release a searcher of", e);
    }
  }

  /**
   * A failed index operation. A full or read-only disk is the store's disk too (the index lives in the
   * store's directory), so it is named the way the store names it ({@link StoreFailures}): the user hears one
   * cause and one fix, whichever of the two files hit the limit first.
   */
  static DescentException failure(Path path, String what, IOException e) {
    if (StoreFailures.isUnwritableDisk(e)) {
      Path store = path.toAbsolutePath().getParent();
      return StoreFailures.ofFile(String.valueOf(store), "writing its search index (" + path + ")", e);
    }
    return new DescentException(ErrorCode.INTERNAL, "Search index at " + path + ": " + what + " it (" + e
        + "). It is derived from the run store: `descent runs reindex` rebuilds it.", e);
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      try {
        searchers.close();
        directory.close();
      } catch (IOException e) {
        throw failure(path, "cannot close", e);
      }
    }
  }
}
