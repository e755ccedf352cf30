package dev.descent.core.search.bench;

import dev.descent.core.search.RunIndex;
import dev.descent.core.search.RunSearch;
import dev.descent.core.search.SearchPage;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.store.bench.SyntheticRuns;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test) of the search index over a real run store, through {@link RunSearch}, the code path
 * the CLI and the dashboard use:
 * <pre>
 * java -cp ... dev.descent.core.search.bench.SearchBench LOCATION [RUNS=100000] [INDEX_DIR]
 * </pre>
 * An empty store is first filled with {@code RUNS} synthetic runs ({@link SyntheticRuns}: 10 params, 20 epochs
 * x 7 metrics), 1% of them tagged {@code baseline} and 2% with a note mentioning NaN so the tag and free-text
 * searches find something. Then it reads every run from the store, reindexes from that in-memory copy (what
 * Lucene costs) and from the store itself (what {@code descent runs reindex} costs), in runs/s, best of three,
 * and times five searches with sorting
 * (p50/p99 over 1,000 runs each after 300 warm-up runs). The index goes to {@code LOCATION/index} for SQLite,
 * else to INDEX_DIR or a temporary directory.
 */
public final class SearchBench {
  private static final int WARMUP = 300;
  private static final int REPEATS = 1_000;

  /** A search as the CLI would send it. */
  record Search(String query, String sort) {}

  static final List<Search> SEARCHES = List.of(
      new Search("optimizer:adam AND learning_rate<=1e-3", "val_accuracy:desc"),
      new Search("learning_rate:[1e-4 TO 5e-4] AND status:finished", "learning_rate:asc"),
      new Search("\"NaN\" AND batch_size:(32 OR 64)", "val_loss.min:asc"),
      new Search("val_loss.min<0.3", "val_accuracy.max:desc"),
      new Search("tag:baseline", null),
      new Search("val_accuracy.epochs_to(0.85)<=10", "val_accuracy.epochs_to(0.85):asc"),
      new Search("optimizer:adam AND overfit_gap>=0.02", "val_accuracy.epochs_to(0.8):asc"));

  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SearchBench LOCATION [RUNS=100000] [INDEX_DIR]");
      System.exit(2);
    }
    String location = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    boolean postgres = location.startsWith("postgresql://");
    Path indexDir = args.length > 2 ? Path.of(args[2])
        : postgres ? Files.createTempDirectory("descent-index") : Path.of(location, "index");
    try (RunStore store = RunStores.open(location, Clock.systemUTC())) {
      if (store.count() == 0) {
        fill(store, runs);
      }
      try (RunIndex index = RunIndex.open(indexDir)) {
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        SnapshotStore snapshot = SnapshotStore.copy(store);
        double read = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "read %d runs from %s (changedSince pages): %.1f s, %.0f runs/s"
            + " (%.1f CPU-s)%n", snapshot.size(), store.location(), read, snapshot.size() / read,
            (cpuNanos() - c0) / 1e9);
        reindex(snapshot, index, "runs already in memory (Lucene alone)");
        reindex(store, index, "from the store (end to end)");
        System.out.println("searches through RunSearch over " + store.location() + ", 50 per page:");
        for (Search s : SEARCHES) {
          time(new RunSearch(index, store), s);
        }
        System.out.println("the same over the in-memory copy (no SQL round trip for the catch-up check):");
        for (Search s : SEARCHES) {
          time(new RunSearch(index, snapshot), s);
        }
      }
    }
  }

  private static void fill(RunStore store, int runs) {
    SyntheticRuns.Ingest ingest = SyntheticRuns.ingest(store, runs, 42, false);
    for (int i = 0; i < runs; i += 50) {
      String id = String.format(Locale.ROOT, "synthetic-%07d", i);
      if (i % 100 == 0) {
        store.addTag(id, "baseline");
      }
      store.setNote(id, "loss spiked to NaN at epoch 7, restarted with clipping");
    }
    System.out.printf(Locale.ROOT, "ingest: %d runs, %d points in %.1f s: %.0f points/s%n",
        ingest.runs(), ingest.points(), ingest.seconds(), ingest.pointsPerSecond());
  }

  private static void reindex(RunStore store, RunIndex index, String what) {
    double best = Double.MAX_VALUE;
    double cpu = 0;
    int count = 0;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      long c0 = cpuNanos();
      count = index.rebuild(store);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (seconds < best) {
        best = seconds;
        cpu = (cpuNanos() - c0) / 1e9;
      }
    }
    System.out.printf(Locale.ROOT, "reindex %s: %d runs in %.2f s: %.0f runs/s (best of 3; %.1f CPU-s,"
        + " %.0f runs per CPU-second)%n", what, count, best, count / best, cpu, count / cpu);
  }

  /** CPU time of the whole process, so a figure taken on a loaded machine can be read for an idle one. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void time(RunSearch search, Search s) {
    SearchPage page = null;
    for (int i = 0; i < WARMUP; i++) {
      page = search.search(s.query(), s.sort(), 0, 50);
    }
    long[] nanos = new long[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long t0 = System.nanoTime();
      search.search(s.query(), s.sort(), 0, 50);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-52s sort %-22s %6d hits  p50 %6.2f ms  p99 %6.2f ms%n", s.query(),
        s.sort() == null ? "newest first" : s.sort(), page.total(), nanos[REPEATS / 2] / 1e6,
        nanos[REPEATS * 99 / 100] / 1e6);
  }
}
