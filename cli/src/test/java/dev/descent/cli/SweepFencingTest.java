package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Lease;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SqliteRunStore;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing with real processes: a `descent run` sweep is SIGSTOPped mid-cell past its lease, a second
 * process on "another host" takes the cell over, and the first is SIGCONTed. Its writes to that cell
 * are refused, it abandons the cell with one line and goes on; every cell is finished exactly once and
 * the taken-over cell holds one attempt's epochs, the second's.
 */
class SweepFencingTest {
  private static final String GRID = """
      name: fence-grid
      dataset: {name: moons, samples: 400, test_samples: 100, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 16, epochs: 150, seed: 1}
      grid:
        learning_rate: [0.01, 0.02, 0.05]
      """;

  @TempDir
  Path dir;

  private Process start(Path file, Path store, String host, Path log) throws Exception {
    return CliProcess.descent("run", file.toString(), "--store", store.toString(), "--workers", "1", "--lease", "3s",
        "--heartbeat", "0.5s").host(host).log(log).start();
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }

  /**
   * SIGSTOPs {@code a} at a moment it holds no write transaction: SQLite has one writer, so a process
   * paused inside an epoch's commit would hold every other process up (B could never take the cell over).
   * On a loaded machine a stop can land inside a commit; then {@code a} is let go on and stopped again.
   */
  private static void stopOutsideAWrite(Process a, Path store) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      signal(a, "STOP");
      if (writeLockFree(store)) {
        return;
      }
      signal(a, "CONT");
      Thread.sleep(20);
    }
    throw new AssertionError("A held the store's write lock at each of 50 stops");
  }

  private static boolean writeLockFree(Path store) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.resolve("runs.db"));
        java.sql.Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 500");
      s.execute("BEGIN IMMEDIATE");
      s.execute("ROLLBACK");
      return true;
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  @Test
  void a_worker_paused_past_its_lease_has_its_writes_refused_and_every_cell_finishes_once() throws Exception {
    Path file = Files.writeString(dir.resolve("grid.yaml"), GRID);
    Path store = dir.resolve("store");
    Path logA = dir.resolve("a.log");
    Path logB = dir.resolve("b.log");
    Process a = start(file, store, "host-a", logA);
    Process b = null;
    try {
      // A is mid-cell with a few committed epochs
      String cell = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (cell == null) {
        assertTrue(a.isAlive() && System.nanoTime() < deadline, "A never got going: " + Files.readString(logA));
        cell = runningWithEpochs(store, 3);
        Thread.sleep(50);
      }
      stopOutsideAWrite(a, store);
      long tokenA;
      try (RunStore s = SqliteRunStore.open(store)) {
        tokenA = s.lease(cell).orElseThrow().token();
      }
      b = start(file, store, "host-b", logB);
      // B takes the cell over once A's lease ran out
      Lease taken = null;
      while (taken == null) {
        assertTrue(b.isAlive() && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(60),
            "B never took the cell over: " + Files.readString(logB));
        try (RunStore s = SqliteRunStore.open(store)) {
          Lease l = s.lease(cell).orElseThrow();
          taken = l.token() != tokenA ? l : null;
        }
        Thread.sleep(50);
      }
      assertEquals("host-b", taken.owner().machine());
      signal(a, "CONT");
      assertTrue(a.waitFor(300, TimeUnit.SECONDS), "A did not end");
      assertTrue(b.waitFor(300, TimeUnit.SECONDS), "B did not end");
      String la = Files.readString(logA);
      String lb = Files.readString(logB);
      assertEquals(0, a.exitValue(), la);
      assertEquals(0, b.exitValue(), lb);

      final String x = cell;
      assertEquals(1, lines(la, "abandon " + x).size(), "A abandons the cell in one progress line: " + la);
      assertEquals(1, lines(la, "Abandoning cell " + x).size(), "and one log line: " + la);
      List<String> finishedLines = new ArrayList<>(lines(la, "] finished "));
      finishedLines.addAll(lines(lb, "] finished "));
      List<String> ranHere = finishedLines.stream().filter(l -> !l.contains("(by another process)")).toList();
      try (RunStore s = SqliteRunStore.open(store)) {
        List<Run> runs = s.list(0, 100);
        assertEquals(3, runs.size());
        for (Run r : runs) {
          assertEquals(RunStatus.FINISHED, r.status(), r.id());
          assertEquals(1, ranHere.stream().filter(l -> l.contains(" " + r.id() + " ")).count(),
              r.id() + " finished once: " + ranHere);
          // one attempt's epochs: 1..last, each once, every metric at every epoch
          Map<Integer, List<MetricPoint>> byEpoch = s.metrics(r.id(), List.of()).stream()
              .collect(Collectors.groupingBy(MetricPoint::epoch, TreeMap::new, Collectors.toList()));
          MetricSummary loss = r.summaries().get("val_loss");
          assertEquals(loss.lastEpoch(), byEpoch.size(), r.id() + ": " + byEpoch.keySet());
          assertEquals(1, byEpoch.keySet().iterator().next());
          int keys = byEpoch.get(1).size();
          byEpoch.forEach((e, points) -> assertEquals(keys, points.size(), r.id() + " epoch " + e));
        }
        Lease last = s.lease(x).orElseThrow();
        assertEquals(taken.token(), last.token(), "the cell ended under B's claim");
        assertTrue(last.previousAttempt().contains("host-a") || last.previousAttempt().contains("expired"),
            last.previousAttempt());
      }
    } finally {
      a.destroyForcibly();
      if (b != null) {
        b.destroyForcibly();
      }
    }
  }

  private static List<String> lines(String log, String containing) {
    return log.lines().filter(l -> l.contains(containing)).toList();
  }

  /** A running cell with at least {@code epochs} committed epochs, or null. */
  private static String runningWithEpochs(Path store, int epochs) {
    if (!Files.exists(store.resolve("runs.db"))) {
      return null;
    }
    try (RunStore s = SqliteRunStore.open(store)) {
      return s.list(0, 100).stream().filter(r -> r.status() == RunStatus.RUNNING)
          .filter(r -> r.summaries().containsKey("val_loss") && r.summaries().get("val_loss").lastEpoch() >= epochs)
          .map(Run::id).findFirst().orElse(null);
    }
  }
}
