package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.sweep.Cell;
import dev.descent.core.sweep.DryRunTable;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommittedSearchFileTest {

  @Test
  void fashion_mnist_search_is_tpe_with_asha_and_momentum_only_for_sgd() {
    Sweep sweep = new SweepParser(TestExperiments.PLUGINS).parse(Path.of("..", "experiments", "fashion-mnist-search.yaml"));
    assertEquals(TpeSampler.STARTUP_TRIALS, sweep.cells().size());
    assertEquals("asha", sweep.plan().pruner());
    for (Cell c : sweep.cells()) {
      assertEquals("sgd".equals(c.axisValues().get("optimizer")), c.axisValues().containsKey("training.optimizer.momentum"));
    }
    String dryRun = DryRunTable.count(sweep);
    assertTrue(dryRun.startsWith("tpe search: 40 trials x 1 seed = 40 cells (shown: the 10 random startup trials"), dryRun);
    assertTrue(dryRun.contains("learning_rate: log_uniform [0.0001, 1]"), dryRun);
    assertTrue(dryRun.contains("training.optimizer.momentum: uniform [0, 0.95]  when {optimizer=[sgd]}"), dryRun);
    assertTrue(dryRun.contains("pruner: asha, rungs at epochs [2, 4, 8, 16], top 1/2 go on"), dryRun);
  }
}
