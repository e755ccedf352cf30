package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.experiment.ExperimentParser;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.sweep.StoredSweeps;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepPlan;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `descent worker` reads: a sweep's plan is recorded with it and rebuilt from the store alone. */
class StoredPlanTest {
  private static final String BASE = """
      name: stored-plan
      dataset: {name: moons, samples: 120, test_samples: 40, validation_split: 0.25}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 2, seed: 1}
      objective: {metric: val_accuracy, mode: max}
      """;
  private static final String TPE = """
      search:
        method: tpe
        trials: 13
        seed: 4
        space:
          optimizer: [sgd, adam]
          learning_rate: {log_uniform: [1.0e-4, 0.5]}
          batch_size: [16, 64]
          training.optimizer.momentum: {uniform: [0.0, 0.9], when: {optimizer: sgd}}
      seeds: [1, 2]
      pruner: {method: asha, min_epochs: 1, reduction_factor: 3}
      budget: {epochs: 400}
      """;

  @TempDir
  Path dir;

  private Sweep enterAndLoad(String yaml, String name) {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(yaml, "plan.yaml", dir);
    try (RunStore store = RunStores.open(dir.resolve(name).toString(), Clock.systemUTC())) {
      new SweepRunner(new Trainer(TestExperiments.PLUGINS), store, null, TestExperiments.PLUGINS, Clock.systemUTC())
          .limitCells(1).run(sweep, null, 1, SweepListener.NONE);
      Sweep loaded = StoredSweeps.load(store, sweep.id(), new ExperimentParser(TestExperiments.PLUGINS),
          TestExperiments.PLUGINS, (cell, why) -> { });
      assertEquals(sweep.id(), loaded.id());
      return loaded;
    }
  }

  @Test
  void a_tpe_search_with_asha_is_rebuilt_from_the_store_with_its_trials_and_pruner() {
    Sweep loaded = enterAndLoad(BASE + TPE, "tpe");
    assertEquals("asha", loaded.plan().pruner());
    assertEquals(26, loaded.plan().cells(loaded), "13 trials x 2 seeds");
    assertEquals(20, loaded.cells().size(), "the cells in the store: the 10 startup trials x 2 seeds");
    try (RunStore store = RunStores.open(dir.resolve("tpe").toString(), Clock.systemUTC())) {
      assertEquals(java.util.Map.of("method", "tpe", "trials", 13, "pruner", "asha"),
          StoredSweeps.kind(store.sweepInfo(loaded.id()).orElseThrow()), "what the dashboard says of it");
    }
  }

  @Test
  void a_tpe_search_whose_proposed_cells_all_ended_is_unfinished_to_a_worker_which_proposes_the_rest() {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(BASE + TPE.replace("pruner:", "#"), "plan.yaml", dir);
    try (RunStore store = RunStores.open(dir.resolve("stalled").toString(), Clock.systemUTC())) {
      new SweepRunner(new Trainer(TestExperiments.PLUGINS), store, null, TestExperiments.PLUGINS, Clock.systemUTC())
          .limitCells(20).run(sweep, null, 1, SweepListener.NONE);
      assertEquals(20, store.cellIds(sweep.id()).size(), "the startup trials, every one ended");
      assertEquals(java.util.List.of(sweep.id()), StoredSweeps.unfinished(store), "3 trials x 2 seeds are left");
      Sweep loaded = StoredSweeps.load(store, sweep.id(), new ExperimentParser(TestExperiments.PLUGINS),
          TestExperiments.PLUGINS, (cell, why) -> { });
      new SweepRunner(new Trainer(TestExperiments.PLUGINS), store, null, TestExperiments.PLUGINS, Clock.systemUTC())
          .run(loaded, null, 1, SweepListener.NONE);
      assertEquals(26, store.cellIds(sweep.id()).size());
      assertEquals(java.util.List.of(), StoredSweeps.unfinished(store));
    }
  }

  @Test
  void a_grid_with_a_budget_is_rebuilt_spending_it() {
    Sweep loaded = enterAndLoad(BASE + "grid:\n  learning_rate: [0.1, 0.01, 0.001]\nbudget: {epochs: 2}\n", "grid");
    try (RunStore store = RunStores.open(dir.resolve("grid").toString(), Clock.systemUTC())) {
      assertTrue(loaded.plan().spent(loaded, store), "the one cell run spent the 2 epochs");
      java.util.Map<String, Object> kind = new java.util.HashMap<>();
      kind.put("method", "grid");
      kind.put("trials", null);
      kind.put("pruner", "none");
      assertEquals(kind, StoredSweeps.kind(store.sweepInfo(loaded.id()).orElseThrow()));
    }
  }

  @Test
  void a_plain_grid_records_no_plan() {
    Sweep loaded = enterAndLoad(BASE + "grid:\n  learning_rate: [0.1, 0.01]\n", "plain");
    assertSame(SweepPlan.NONE, loaded.plan());
    try (RunStore store = RunStores.open(dir.resolve("plain").toString(), Clock.systemUTC())) {
      assertNull(store.sweepInfo(loaded.id()).orElseThrow().plan());
    }
  }
}
