package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.train.RunStatus;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code budget:} beside a grid (pruned or not) and in a random search: no new cell is claimed once it is spent. */
class BudgetedSweepTest {
  private static final String BASE = """
      name: budgeted
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 4, seed: 1}
      objective: {metric: val_loss, mode: min}
      """;
  private static final String GRID = "grid:\n  learning_rate: [0.3, 0.1, 0.01, 0.001, 0.0001, 0.00001]\n";
  private static final String RANDOM = """
      search:
        method: random
        trials: 6
        seed: 2
        space:
          learning_rate: {log_uniform: [1.0e-5, 0.3]}
      """;

  @TempDir
  Path dir;

  private List<Run> run(String yaml, String store) {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(yaml, "budgeted.yaml", dir);
    try (RunStore s = RunStores.open(dir.resolve(store).toString(), Clock.systemUTC())) {
      new SweepRunner(new Trainer(TestExperiments.PLUGINS), s, null, TestExperiments.PLUGINS, Clock.systemUTC())
          .run(sweep, null, 1, SweepListener.NONE);
      return s.summaries(s.cellIds(sweep.id()));
    }
  }

  private static long epochs(Run r) {
    return r.summaries().get("val_loss") == null ? 0 : r.summaries().get("val_loss").lastEpoch();
  }

  private static long ended(List<Run> runs) {
    return runs.stream().filter(r -> r.status().outcome()).count();
  }

  @Test
  void a_grid_with_a_budget_of_10_epochs_stops_claiming_after_its_third_4_epoch_cell() {
    List<Run> runs = run(BASE + GRID + "budget: {epochs: 10}\n", "grid");
    assertEquals(6, runs.size(), "every cell is entered");
    assertEquals(3, ended(runs), "8 epochs spent after two cells (< 10): a third is claimed; 12 after it: none");
    assertEquals(3, runs.stream().filter(r -> r.status() == RunStatus.QUEUED).count());
  }

  @Test
  void a_random_search_with_a_budget_of_10_epochs_runs_three_of_its_six_trials() {
    List<Run> runs = run(BASE + RANDOM + "budget: {epochs: 10}\n", "random");
    assertEquals(6, runs.size());
    assertEquals(3, ended(runs));
    assertEquals(12, runs.stream().mapToLong(BudgetedSweepTest::epochs).sum());
  }

  @Test
  void a_pruned_grid_stops_claiming_once_its_budget_is_spent_counting_pruned_epochs() {
    List<Run> runs = run(BASE + GRID + "pruner: {method: asha, min_epochs: 1, reduction_factor: 3}\n"
        + "budget: {epochs: 7}\n", "pruned");
    long spent = runs.stream().mapToLong(BudgetedSweepTest::epochs).sum();
    long last = runs.stream().filter(r -> r.status().outcome()).reduce((a, b) -> b).map(BudgetedSweepTest::epochs)
        .orElseThrow();
    assertTrue(spent >= 7, "it runs until the budget is spent: " + spent);
    assertTrue(spent - last < 7, "the last cell was claimed before the budget was spent: " + spent + " - " + last);
    assertTrue(ended(runs) < 6, "cells left unclaimed: " + runs.stream().map(Run::status).toList());
    assertTrue(runs.stream().anyMatch(r -> r.status() == RunStatus.PRUNED), "asha pruned while spending");
  }

  @Test
  void without_a_budget_the_same_grid_runs_every_cell() {
    assertEquals(6, ended(run(BASE + GRID, "all")));
  }
}
