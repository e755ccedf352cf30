package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.SqliteRunStore;
import dev.descent.core.train.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `descent worker` with real processes: workers started with nothing but the store finish a sweep a
 * killed `descent run` left, each cell once; SIGTERM stops a worker cleanly (its running cell
 * {@code stopped} with its committed epochs, nothing more claimed, exit 0) and the next worker resumes.
 */
class WorkerCommandTest {
  private static final String GRID = """
      name: worker-grid
      dataset: {name: moons, samples: 400, test_samples: 100, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 16, epochs: %d, seed: 1}
      grid:
        optimizer: [sgd, adam]
        learning_rate: [0.01, 0.1]
      seeds: %d
      """;

  @TempDir
  Path dir;

  private Process start(String host, Path log, String... args) throws Exception {
    return CliProcess.descent(args).in(dir.resolve(host)).host(host).log(log).start();
  }

  private static Map<String, Run> runs(Path store) {
    Map<String, Run> m = new HashMap<>();
    if (Files.exists(store.resolve("runs.db"))) {
      try (RunStore s = SqliteRunStore.open(store)) {
        s.list(0, 1000).forEach(r -> m.put(r.id(), r));
      }
    }
    return m;
  }

  private static long count(Path store, RunStatus status) {
    return runs(store).values().stream().filter(r -> r.status() == status).count();
  }

  /** Starts the sweep with `descent run` on host-a and kill -9s it once {@code until} holds. */
  private void startAndKill(Path store, int epochs, int seeds, java.util.function.Predicate<Path> until) throws Exception {
    Path file = Files.writeString(dir.resolve("grid.yaml"), GRID.formatted(epochs, seeds));
    Path log = dir.resolve("run.log");
    Process run = start("host-a", log, "run", file.toString(), "--store", store.toString(), "--workers", "1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!until.test(store)) {
      assertTrue(run.isAlive() && System.nanoTime() < deadline, "the sweep never got there: " + Files.readString(log));
      Thread.sleep(100);
    }
    run.destroyForcibly().waitFor();
    Files.delete(file); // the workers have the store only
  }

  private static List<String> starts(Path log) throws Exception {
    return Files.readAllLines(log).stream().filter(l -> l.startsWith("start  ")).map(l -> l.split("\\s+")[1]).toList();
  }

  @Test
  void two_workers_with_the_store_alone_finish_a_killed_sweep_each_cell_once() throws Exception {
    Path store = dir.resolve("store");
    startAndKill(store, 3, 3, s -> count(s, RunStatus.FINISHED) >= 3 && count(s, RunStatus.RUNNING) == 1);
    Map<String, Run> before = runs(store);
    assertEquals(12, before.size());
    Process a = start("host-a", dir.resolve("a.log"), "worker", "--store", store.toString(), "--workers", "1");
    Process b = start("host-b", dir.resolve("b.log"), "worker", "--store", store.toString(), "--workers", "1");
    assertTrue(a.waitFor(300, TimeUnit.SECONDS) && b.waitFor(300, TimeUnit.SECONDS), "the workers did not end");
    String la = Files.readString(dir.resolve("a.log"));
    String lb = Files.readString(dir.resolve("b.log"));
    assertEquals(0, a.exitValue(), la);
    assertEquals(0, b.exitValue(), lb);

    List<String> started = new ArrayList<>(starts(dir.resolve("a.log")));
    started.addAll(starts(dir.resolve("b.log")));
    assertEquals(started.size(), new HashSet<>(started).size(), "a cell started twice:\n" + la + lb);
    Map<String, Run> after = runs(store);
    assertEquals(12, after.size());
    after.values().forEach(r -> assertEquals(RunStatus.FINISHED, r.status(), r.id()));
    before.values().stream().filter(r -> r.status() == RunStatus.FINISHED)
        .forEach(r -> assertFalse(started.contains(r.id()), r.id() + " finished before, ran again"));
    // at least 3 finished before the kill, maybe one more in the moment before it landed
    long finishedBefore = before.values().stream().filter(r -> r.status() == RunStatus.FINISHED).count();
    assertEquals(12 - finishedBefore, started.size(), "every other cell ran once:\n" + la + lb);
    // whichever worker ran cells prints descent run's progress lines (the other may find every cell taken,
    // or the sweep already done, and say only that it has nothing left to do)
    String ran = la.contains("] finished ") ? la : lb;
    assertTrue(ran.contains("sweep ") && ran.contains("] finished "), "the same progress lines as descent run: " + la + lb);
    assertTrue(la.contains("nothing left to do") && lb.contains("nothing left to do"), la + lb);
  }

  @Test
  void sigterm_records_the_running_cell_stopped_with_its_epochs_claims_nothing_more_and_exits_0() throws Exception {
    Path store = dir.resolve("store");
    startAndKill(store, 150, 1, s -> count(s, RunStatus.RUNNING) == 1);
    Path log = dir.resolve("worker.log");
    java.time.Instant workerStarted = java.time.Instant.now();
    Process w = start("host-a", log, "worker", "--store", store.toString(), "--workers", "1");
    String cell = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (cell == null) {
      assertTrue(w.isAlive() && System.nanoTime() < deadline, "the worker never got going: " + Files.readString(log));
      // the killed run's cell is RUNNING too, maybe with epochs: wait for the worker to have started one
      cell = !Files.readString(log).contains("start  ") ? null : runs(store).values().stream()
          .filter(r -> r.status() == RunStatus.RUNNING)
          .filter(r -> r.startTime().isAfter(workerStarted)) // claimed by this worker, not the killed run's
          .filter(r -> r.summaries().containsKey("val_loss") && r.summaries().get("val_loss").lastEpoch() >= 2)
          .map(Run::id).findFirst().orElse(null);
      Thread.sleep(50);
    }
    Map<String, Run> atTerm = runs(store);
    Process term = new ProcessBuilder("kill", "-TERM", String.valueOf(w.pid())).start();
    assertEquals(0, term.waitFor());
    assertTrue(w.waitFor(60, TimeUnit.SECONDS), "the worker did not stop on SIGTERM");
    String out = Files.readString(log);
    assertEquals(0, w.exitValue(), out);
    assertTrue(out.contains("stopped by SIGTERM"), out);

    Map<String, Run> after = runs(store);
    Run stopped = after.get(cell);
    assertEquals(RunStatus.STOPPED, stopped.status());
    assertTrue(stopped.summaries().get("val_loss").lastEpoch() >= 2, "its committed epochs stay");
    atTerm.values().stream().filter(r -> r.status() == RunStatus.QUEUED)
        .forEach(r -> assertEquals(RunStatus.QUEUED, after.get(r.id()).status(), r.id() + " was claimed after SIGTERM"));

    // the next worker resumes: the stopped cell runs again, all finish
    Process next = start("host-b", dir.resolve("next.log"), "worker", "--store", store.toString(), "--workers", "2");
    assertTrue(next.waitFor(300, TimeUnit.SECONDS), "the next worker did not end");
    assertEquals(0, next.exitValue(), Files.readString(dir.resolve("next.log")));
    runs(store).values().forEach(r -> assertEquals(RunStatus.FINISHED, r.status(), r.id()));
  }
}
