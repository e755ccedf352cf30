package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.LeaseSettings;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.store.Tmpfs;
import dev.descent.core.tracking.Artifacts;
import dev.descent.core.train.EpochMetrics;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test for a full disk: a sweep whose store's disk fills mid-sweep stops with one
 * clear failure; once the disk is larger, rerunning finishes every cell exactly once and keeps every
 * epoch committed before the disk filled.
 */
class SweepDiskFullTest {
  static final String GRID = """
      name: disk-full
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 6, seed: 1}
      grid:
        learning_rate: [0.01, 0.03, 0.1]
        batch_size: [16, 64]
      """;
  static final List<String> KEYS = List.of("train_loss", "val_loss");

  @TempDir
  Path dir;

  /** Fills the disk when the {@code after}-th epoch of the sweep has been committed, and counts starts. */
  static final class FillsTheDisk implements SweepListener {
    final Tmpfs fs;
    final int after;
    final AtomicInteger epochs = new AtomicInteger();
    final List<String> started = Collections.synchronizedList(new ArrayList<>());

    FillsTheDisk(Tmpfs fs, int after) {
      this.fs = fs;
      this.after = after;
    }

    @Override
    public void onCellStart(Cell cell) {
      started.add(cell.id());
    }

    @Override
    public void onCellEpoch(Cell cell, EpochMetrics metrics) {
      if (epochs.incrementAndGet() == after) {
        try {
          fs.fill(0);
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static Map<String, List<MetricPoint>> metrics(RunStore store, Sweep sweep) {
    Map<String, List<MetricPoint>> out = new HashMap<>();
    for (Cell c : sweep.cells()) {
      out.put(c.id(), store.metrics(c.id(), KEYS));
    }
    return out;
  }

  @Test
  void a_sweep_that_fills_its_disk_stops_cleanly_and_a_rerun_finishes_every_cell_once_keeping_every_epoch()
      throws Exception {
    Sweep sweep = new SweepParser(SweepRunnerTest.PLUGINS).parse(GRID, "grid.yaml", dir);
    assertEquals(6, sweep.cells().size());
    try (Tmpfs fs = Tmpfs.mount(dir, "4m")) {
      String location = fs.dir().resolve("store").toString();
      Artifacts artifacts = new Artifacts(fs.dir().resolve("store/artifacts"));
      Map<String, RunStatus> afterFailure = new HashMap<>();
      Map<String, List<MetricPoint>> committed;
      FillsTheDisk first = new FillsTheDisk(fs, 14); // two cells' 6 epochs and a bit of a third's
      try (RunStore store = RunStores.open(location, Clock.systemUTC())) {
        SweepRunner runner = new SweepRunner(new Trainer(SweepRunnerTest.PLUGINS), store, artifacts,
            SweepRunnerTest.PLUGINS, Clock.systemUTC());
        DescentException e = assertThrows(DescentException.class, () -> runner.run(sweep, null, 2, first));
        assertEquals(ErrorCode.STORE_FULL, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Sweep 'disk-full' stopped: Run store ")
            && e.getMessage().contains("disk is full") && e.getMessage().contains("a sweep resumes"), e.getMessage());
        assertTrue(first.started.size() < sweep.cells().size(), "no cell is claimed after the failure: " + first.started);
        sweep.cells().forEach(c -> afterFailure.put(c.id(), store.get(c.id()).orElseThrow().status())); // reads go on
        committed = metrics(store, sweep);
      }
      assertTrue(afterFailure.containsValue(RunStatus.QUEUED), "the sweep stopped mid-way: " + afterFailure);
      assertTrue(committed.values().stream().mapToInt(List::size).sum() >= 2 * 13, "epochs were committed first");

      fs.resize("64m");
      FillsTheDisk rerun = new FillsTheDisk(fs, Integer.MAX_VALUE);
      // the next run, later: a cell the full store could not even mark stopped has gone stale and is reclaimed
      Clock later = Clock.offset(Clock.systemUTC(), LeaseSettings.DEFAULT_LEASE.plus(Duration.ofMinutes(1)));
      try (RunStore store = RunStores.open(location, later)) {
        new SweepRunner(new Trainer(SweepRunnerTest.PLUGINS), store, artifacts, SweepRunnerTest.PLUGINS, later)
            .run(sweep, null, 2, rerun);
        Map<String, List<MetricPoint>> after = metrics(store, sweep);
        for (Cell c : sweep.cells()) {
          assertEquals(RunStatus.FINISHED, store.get(c.id()).orElseThrow().status(), c.id());
          boolean finishedBefore = afterFailure.get(c.id()) == RunStatus.FINISHED;
          assertEquals(finishedBefore ? 0 : 1, Collections.frequency(rerun.started, c.id()),
              c.id() + " was " + afterFailure.get(c.id()) + "; every cell finishes exactly once");
          assertEquals(6 * KEYS.size(), after.get(c.id()).size(), c.id());
          assertTrue(after.get(c.id()).containsAll(committed.get(c.id())), "an epoch committed before the disk filled is gone");
          assertTrue(artifacts.list(c.id()).stream().anyMatch(f -> f.name().equals(Artifacts.WEIGHTS)), c.id());
        }
        assertEquals(Set.of(), Set.copyOf(rerun.started).stream().filter(id -> afterFailure.get(id) == RunStatus.FINISHED)
            .collect(java.util.stream.Collectors.toSet()));
      }
    }
  }

  /** The store as it is, except that recording how a run ended fails as on a full disk. */
  private static RunStore endsCannotBeRecorded(RunStore store) {
    return (RunStore) java.lang.reflect.Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("finish")) {
            throw new DescentException(ErrorCode.STORE_FULL, "Run store S: the store's disk is full (SQLITE_FULL) while"
                + " finishing run " + args[0]);
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void a_cell_whose_failure_cannot_be_recorded_stops_the_sweep_and_is_left_for_the_next_run() {
    Sweep sweep = new SweepParser(SweepRunnerTest.PLUGINS).parse(GRID.replace("learning_rate: [0.01, 0.03, 0.1]",
        "optimizer: [{name: flaky, explode: true}]\n  learning_rate: [0.01, 0.03, 0.1]"), "grid.yaml", dir);
    try (RunStore real = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      RunStore store = endsCannotBeRecorded(real);
      FillsTheDisk listener = new FillsTheDisk(null, Integer.MAX_VALUE);
      DescentException e = assertThrows(DescentException.class, () -> new SweepRunner(new Trainer(SweepRunnerTest.PLUGINS),
          store, null, SweepRunnerTest.PLUGINS, Clock.systemUTC()).run(sweep, null, 1, listener));
      assertEquals(ErrorCode.STORE_FULL, e.code());
      assertTrue(e.getMessage().contains("finishing run") && e.getMessage().contains("1 running cell was left 'running'")
          && e.getMessage().contains("the next run reclaims it"), e.getMessage());
      assertEquals(1, listener.started.size(), "no cell is claimed after the store failed");
      Map<RunStatus, Long> statuses = sweep.cells().stream().collect(java.util.stream.Collectors.groupingBy(
          c -> real.get(c.id()).orElseThrow().status(), java.util.stream.Collectors.counting()));
      assertEquals(Map.of(RunStatus.RUNNING, 1L, RunStatus.QUEUED, (long) sweep.cells().size() - 1), statuses);
    }
  }
}
