package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.RunStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep acceptance with real processes: kill -9 a `descent run` in the middle of a 48-run sweep,
 * run the same command again, and get exactly 48 finished runs with no finished cell run twice; and two
 * `descent run` processes on one file and store run each cell once.
 */
class SweepKillTest {
  private static final String GRID = """
      name: kill-grid
      dataset: {name: moons, samples: 400, test_samples: 100, validation_split: 0.2}
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
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", cp, "dev.descent.cli.Main", "run", file.toString(), "--store", store.toString(),
        "--workers", "1");
    pb.environment().put("DESCENT_HEARTBEAT_SECONDS", "0.5");
    pb.environment().put("DESCENT_STALE_AFTER_SECONDS", "2");
    pb.environment().put("DESCENT_RELAUNCHED", "1");
    pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  private static Map<RunStatus, Integer> count(Path store) {
    Map<RunStatus, Integer> m = new HashMap<>();
    try (RunStore s = RunStores.open(store.toString(), Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC))) {
      s.list(0, 1000).forEach(r -> m.merge(r.status(), 1, Integer::sum));
    }
    return m;
  }

  private static Map<String, Run> runs(Path store) {
    Map<String, Run> m = new HashMap<>();
    try (RunStore s = RunStores.open(store.toString(), Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC))) {
      s.list(0, 1000).forEach(r -> m.put(r.id(), r));
    }
    return m;
  }

  @Test
  void kill_nine_then_the_same_command_gives_exactly_48_finished_runs() throws Exception {
    Path file = dir.resolve("grid.yaml");
    Files.writeString(file, GRID);
    Path store = dir.resolve("store");
    Process first = start(file, store, dir.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (count(store).getOrDefault(RunStatus.FINISHED, 0) < 8) {
      assertTrue(first.isAlive(), "the sweep ended before it could be killed: " + Files.readString(dir.resolve("first.log")));
      assertTrue(System.nanoTime() < deadline, "no progress: " + Files.readString(dir.resolve("first.log")));
      Thread.sleep(100);
    }
    first.destroyForcibly().waitFor();
    Map<String, Run> before = runs(store);
    List<String> finishedBefore = new ArrayList<>();
    before.values().stream().filter(r -> r.status() == RunStatus.FINISHED).forEach(r -> finishedBefore.add(r.id()));
    assertTrue(before.values().stream().anyMatch(r -> r.status() == RunStatus.RUNNING), "a cell was mid-training");
    Thread.sleep(2500);
    Process second = start(file, store, dir.resolve("second.log"));
    assertTrue(second.waitFor(300, TimeUnit.SECONDS), "the resumed sweep did not end");
    String log = Files.readString(dir.resolve("second.log"));
    assertEquals(0, second.exitValue(), log);
    Map<String, Run> after = runs(store);
    assertEquals(48, after.size());
    assertEquals(Map.of(RunStatus.FINISHED, 48), count(store), log);
    for (String id : finishedBefore) {
      assertEquals(before.get(id).startTime(), after.get(id).startTime(), "finished cell " + id + " ran again");
    }
    before.values().stream().filter(r -> r.status() == RunStatus.RUNNING)
        .forEach(r -> assertTrue(after.get(r.id()).startTime().isAfter(r.startTime()), "crashed cell re-ran"));
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
