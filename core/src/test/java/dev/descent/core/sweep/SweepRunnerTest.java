package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.plugin.PluginRegistry;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover(SweepRunnerTest.class.getClassLoader(),
      List.of(new FlakyOptimizer()));

  static final String GRID = """
      name: tiny-grid
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 2, seed: 1}
      grid:
        optimizer: %s
        learning_rate: [0.001, 0.01, 0.1]
        batch_size: [16, 64]
      seeds: 2
      """;

  @TempDir
  Path dir;

  private Sweep sweep(String optimizers) {
    return new SweepParser(PLUGINS).parse(GRID.formatted(optimizers), "grid.yaml", dir);
  }

  /** Records which cells started, from any number of runners. */
  static final class Starts implements SweepListener {
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onCellStart(Cell cell) {
      ids.add(cell.id());
    }
  }

  private static Map<RunStatus, Integer> statuses(RunStore store, Sweep sweep) {
    Map<RunStatus, Integer> m = new HashMap<>();
    sweep.cells().forEach(c -> m.merge(store.get(c.id()).orElseThrow().status(), 1, Integer::sum));
    return m;
  }

  @Test
  void a_24_cell_grid_with_2_seeds_gives_48_finished_runs_and_a_rerun_runs_none() {
    Sweep s = sweep("[sgd, adam, adagrad, rmsprop]");
    assertEquals(48, s.cells().size());
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      Starts starts = new Starts();
      int ran = new SweepRunner(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC()).run(s, null, 2, starts);
      assertEquals(48, ran);
      assertEquals(Map.of(RunStatus.FINISHED, 48), statuses(store, s));
      assertEquals(48, new HashSet<>(starts.ids).size());
      Map<String, Instant> started = new HashMap<>();
      s.cells().forEach(c -> started.put(c.id(), store.get(c.id()).orElseThrow().startTime()));
      int again = new SweepRunner(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC()).run(s, null, 2, SweepListener.NONE);
      assertEquals(0, again, "finished cells never run twice");
      s.cells().forEach(c -> assertEquals(started.get(c.id()), store.get(c.id()).orElseThrow().startTime()));
      SweepSummary summary = SweepSummary.of(s, store);
      assertEquals(4, summary.optimizerByLearningRate().size());
      assertEquals(3, summary.learningRates().size());
      assertEquals(24, summary.groups().size());
      assertTrue(summary.groups().stream().allMatch(g -> g.n() == 2));
    }
  }

  @Test
  void a_throwing_plugin_fails_only_its_cells_and_the_sweep_goes_on() {
    Sweep s = sweep("[sgd, {name: flaky, explode: true}]");
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      new SweepRunner(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC()).run(s, null, 2, SweepListener.NONE);
      for (Cell c : s.cells()) {
        Run r = store.get(c.id()).orElseThrow();
        if (c.experiment().training().optimizer().name().equals("flaky")) {
          assertEquals(RunStatus.FAILED, r.status());
          assertTrue(r.error().contains("optimizer 'flaky' failed at epoch 1, batch 1"), r.error());
          assertTrue(r.stackTrace().contains("flaky exploded as configured"), r.stackTrace());
        } else {
          assertEquals(RunStatus.FINISHED, r.status(), c.axisValues().toString());
        }
      }
      // a failed cell is claimable again: the next attempt runs exactly the failed ones
      Starts retry = new Starts();
      new SweepRunner(new Trainer(PLUGINS), store, null, PLUGINS, Clock.systemUTC()).run(s, null, 1, retry);
      assertEquals(12, retry.ids.size());
    }
  }

  @Test
  void two_runners_on_one_store_run_each_cell_once() throws Exception {
    Sweep s = sweep("[sgd, adam]");
    String location = dir.resolve("shared").toString();
    Starts a = new Starts();
    Starts b = new Starts();
    try (RunStore storeA = RunStores.open(location, Clock.systemUTC());
         RunStore storeB = RunStores.open(location, Clock.systemUTC())) {
      Thread ta = new Thread(() -> new SweepRunner(new Trainer(PLUGINS), storeA, null, PLUGINS, Clock.systemUTC()).run(s, null, 1, a));
      Thread tb = new Thread(() -> new SweepRunner(new Trainer(PLUGINS), storeB, null, PLUGINS, Clock.systemUTC()).run(s, null, 1, b));
      ta.start();
      tb.start();
      ta.join();
      tb.join();
      List<String> all = new ArrayList<>(a.ids);
      all.addAll(b.ids);
      Set<String> unique = new HashSet<>(all);
      assertEquals(all.size(), unique.size(), "a cell started twice");
      assertEquals(24, unique.size());
      assertEquals(Map.of(RunStatus.FINISHED, 24), statuses(storeA, s));
    }
  }
}
