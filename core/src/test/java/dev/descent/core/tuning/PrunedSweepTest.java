package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.store.MetricPoint;
import dev.descent.core.store.Run;
import dev.descent.core.store.RunStore;
import dev.descent.core.store.RunStores;
import dev.descent.core.sweep.Cell;
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

class PrunedSweepTest {
  private static final String GRID = """
      name: pruned-grid
      dataset: {name: moons, samples: 200, test_samples: 50, validation_split: 0.2}
      model:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2, activation: softmax}]
        loss: softmax_cross_entropy
      training: {optimizer: sgd, batch_size: 32, epochs: 4, seed: 1}
      grid:
        learning_rate: [0.3, 0.1, 0.01, 0.001, 0.0001, 0.00001]
      objective: {metric: val_loss, mode: min}
      pruner: {method: asha, min_epochs: 1, reduction_factor: 3}
      """;

  @TempDir
  Path dir;

  @Test
  void asha_beside_a_grid_prunes_cells_which_keep_their_curves_and_never_run_again() {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(GRID, "grid.yaml", dir);
    assertEquals("asha", sweep.plan().pruner());
    try (RunStore store = RunStores.open(dir.resolve("store").toString(), Clock.systemUTC())) {
      Trainer trainer = new Trainer(TestExperiments.PLUGINS);
      int ran = new SweepRunner(trainer, store, null, TestExperiments.PLUGINS, Clock.systemUTC())
          .run(sweep, null, 1, SweepListener.NONE);
      assertEquals(6, ran);
      List<Run> runs = store.summaries(sweep.cells().stream().map(Cell::id).toList());
      List<Run> pruned = runs.stream().filter(r -> r.status() == RunStatus.PRUNED).toList();
      assertTrue(pruned.size() >= 2, "with one worker the second cell onward must beat all before it at epoch 1: "
          + runs.stream().map(r -> r.status() + " " + r.error()).toList());
      for (Run r : pruned) {
        assertTrue(r.error().matches("pruned at epoch (1|3): val_loss \\S+ above the rung-[01] cutoff .*"), r.error());
        int at = Integer.parseInt(r.error().replaceAll("pruned at epoch (\\d+):.*", "$1"));
        List<MetricPoint> curve = store.metrics(r.id(), List.of("val_loss"));
        assertEquals(at, curve.size(), "a pruned run keeps its curve up to the epoch it stopped at");
      }
      assertTrue(runs.stream().anyMatch(r -> r.status() == RunStatus.FINISHED), "the first cell is never pruned");
      long spent = runs.stream().mapToLong(r -> r.summaries().get("val_loss").lastEpoch()).sum();
      java.io.StringWriter text = new java.io.StringWriter();
      dev.descent.core.sweep.SweepReport.print(new java.io.PrintWriter(text, true),
          dev.descent.core.sweep.SweepSummary.of(sweep, store));
      assertTrue(spent < 24, "pruning saved epochs: " + spent);
      assertTrue(text.toString().contains(String.format(java.util.Locale.ROOT,
          "asha pruner: %d epochs spent of the 24 its 6 cells train at most unpruned: %.1f%% saved", spent,
          100.0 * (24 - spent) / 24)), text.toString());
      int again = new SweepRunner(trainer, store, null, TestExperiments.PLUGINS, Clock.systemUTC())
          .run(sweep, null, 1, SweepListener.NONE);
      assertEquals(0, again, "pruned cells are outcomes: never rerun");
    }
  }
}
