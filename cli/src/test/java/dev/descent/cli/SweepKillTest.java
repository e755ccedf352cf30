package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Lease;
import dev.descent.core.store.PostgresRunStore;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.store.SqliteRunStore;
import dev.descent.core.train.RunStatus;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep acceptance with real processes at the lease settings a user gets (30 s lease, 5 s beat):
 * kill -9 a `descent run` in the middle of a 48-run sweep, run the same command again at once, and get
 * exactly 48 finished runs, no cell run twice, exit 0, and the killed cells claimed again before their
 * dead claims' leases ran out (their process is gone from this machine: no waiting), on SQLite and
 * PostgreSQL; and two `descent run` processes on one file and store run each cell once.
 */
class SweepKillTest {
  private static final String GRID = """
      name: kill-grid
      dataset: {name: moons, samples: 1600, test_samples: 100, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 16, epochs: 6, seed: 1}
      grid:
        optimizer: [sgd, adam, adagrad, rmsprop]
        learning_rate: [0.001, 0.01, 0.1]
        batch_size: [16, 64]
      seeds: 2
      """;

  @TempDir
  Path dir;

  private Process start(Path file, Path store, Path log) throws Exception {
    return start(file, store.toString(), 1, log);
  }

  private Process start(Path file, String store, int workers, Path log) throws Exception {
    return CliProcess.descent("run", file.toString(), "--store", store, "--index", dir.resolve("index").toString(),
        "--workers", String.valueOf(workers)).log(log).start();
  }

  private static Map<RunStatus, Integer> count(Path store) {
    return count(store.toString());
  }

  private static Map<RunStatus, Integer> count(String store) {
    Map<RunStatus, Integer> m = new HashMap<>();
    runs(store).values().forEach(r -> m.merge(r.status(), 1, Integer::sum));
    return m;
  }

  /** Every run as stored, read without the orphan check an open by {@link RunStores} makes. */
  private static Map<String, Run> runs(String store) {
    Map<String, Run> m = new HashMap<>();
    try (RunStore s = raw(store)) {
      s.list(0, 1000).forEach(r -> m.put(r.id(), r));
    }
    return m;
  }

  private static RunStore raw(String store) {
    return store.startsWith("postgresql://") ? PostgresRunStore.open(store) : SqliteRunStore.open(Path.of(store));
  }

  @Test
  void kill_nine_then_the_same_command_at_once_gives_exactly_48_finished_runs_on_sqlite() throws Exception {
    killThenRerunAtOnce(dir.resolve("store").toString());
  }

  @Test
  void kill_nine_then_the_same_command_at_once_gives_exactly_48_finished_runs_on_postgresql() throws Exception {
    String url = System.getenv("DESCENT_TEST_POSTGRES_URL");
    assumeTrue(url != null || "true".equals(System.getenv("CI")),
        "PostgreSQL sweep kill test skipped: DESCENT_TEST_POSTGRES_URL is not set (eval \"$(.ci/postgres.sh)\")");
    assertNotNull(url, "CI=true but DESCENT_TEST_POSTGRES_URL is not set");
    String schema = "kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, "CREATE SCHEMA " + schema);
    try {
      killThenRerunAtOnce(url + "&currentSchema=" + schema);
    } finally {
      execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:" + url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private void killThenRerunAtOnce(String store) throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, GRID);
    Process first = start(file, store, 2, dir.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (count(store).getOrDefault(RunStatus.FINISHED, 0) < 8 || count(store).getOrDefault(RunStatus.RUNNING, 0) < 2) {
      assertTrue(first.isAlive(), "the sweep ended before it could be killed: " + Files.readString(dir.resolve("first.log")));
      assertTrue(System.nanoTime() < deadline, "no progress: " + Files.readString(dir.resolve("first.log")));
      Thread.sleep(100);
    }
    first.destroyForcibly().waitFor();
    Instant killedAt = Instant.now();
    Map<String, Run> before = runs(store);
    Map<String, Lease> deadClaims = new HashMap<>();
    try (RunStore s = raw(store)) {
      before.values().stream().filter(r -> r.status() == RunStatus.RUNNING)
          .forEach(r -> deadClaims.put(r.id(), s.lease(r.id()).orElseThrow()));
    }
    assertFalse(deadClaims.isEmpty(), "a cell was mid-training");
    Process second = start(file, store, 2, dir.resolve("second.log"));
    assertTrue(second.waitFor(300, TimeUnit.SECONDS), "the resumed sweep did not end");
    String log = Files.readString(dir.resolve("second.log"));
    assertEquals(0, second.exitValue(), log);

    Map<String, Run> after = runs(store);
    assertEquals(48, after.size());
    assertEquals(Map.of(RunStatus.FINISHED, 48), count(store), log);
    List<String> startedAgain = new ArrayList<>();
    for (String line : log.split("\n")) {
      if (line.startsWith("start  ")) {
        startedAgain.add(line.split("\\s+")[1]);
      }
    }
    assertEquals(startedAgain.size(), new java.util.HashSet<>(startedAgain).size(), "a cell started twice: " + log);
    before.values().stream().filter(r -> r.status() == RunStatus.FINISHED).forEach(r -> {
      assertEquals(r.startTime(), after.get(r.id()).startTime(), "finished cell " + r.id() + " ran again");
      assertFalse(startedAgain.contains(r.id()), "finished cell " + r.id() + " started again");
    });
    assertEquals(48 - before.values().stream().filter(r -> r.status() == RunStatus.FINISHED).count(),
        startedAgain.size(), "the rerun ran every cell without an outcome, once: " + log);
    deadClaims.forEach((id, dead) -> {
      Instant reclaimed = after.get(id).startTime();
      assertTrue(reclaimed.isAfter(killedAt.minusSeconds(1)), id + " was not run again: " + reclaimed);
      assertTrue(reclaimed.isBefore(dead.leaseUntil()), id + " was claimed again at " + reclaimed
          + ", after its dead claim's lease ran out at " + dead.leaseUntil() + ": the rerun waited for the lease");
      assertTrue(startedAgain.contains(id), id + " not started by the rerun");
    });
    try (RunStore s = raw(store)) {
      for (String id : deadClaims.keySet()) {
        String previous = s.lease(id).orElseThrow().previousAttempt();
        assertTrue(previous != null && previous.contains("no longer exists"), id + ": " + previous);
      }
    }
    assertFalse(log.contains("waiting "), "nothing to wait for when the holder is dead: " + log);
  }

  @Test
  void two_processes_on_one_file_and_store_run_each_cell_once() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, GRID.replace("epochs: 6", "epochs: 2"));
    Path store = dir.resolve("store");
    Process a = start(file, store, dir.resolve("a.log"));
    Process b = start(file, store, dir.resolve("b.log"));
    assertTrue(a.waitFor(300, TimeUnit.SECONDS) && b.waitFor(300, TimeUnit.SECONDS), "sweeps did not end");
    List<String> started = new ArrayList<>();
    for (String name : List.of("a.log", "b.log")) {
      for (String line : Files.readAllLines(dir.resolve(name))) {
        if (line.startsWith("start  ")) {
          started.add(line.split("\\s+")[1]);
        }
      }
    }
    assertEquals(48, started.size(), "starts: " + started);
    assertEquals(48, new java.util.HashSet<>(started).size(), "a cell started twice");
    assertEquals(Map.of(RunStatus.FINISHED, 48), count(store));
    assertTrue(new File(dir.toFile(), "a.log").length() > 0);
  }
}
