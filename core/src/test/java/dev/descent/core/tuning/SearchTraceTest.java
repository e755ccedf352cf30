package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.descent.core.store.MetricSummary;
import dev.descent.core.store.Run;
import dev.descent.core.sweep.Objective;
import dev.descent.core.train.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SearchTraceTest {
  private static final Objective LOSS = new Objective("val_loss", "min");

  /** A run that trained {@code epochs} epochs and whose val_loss was {@code best} at best, {@code last} at the end. */
  private static Run run(String id, RunStatus status, int epochs, double best, double last, String error) {
    return new Run(id, "e", "s", status, Map.of(), Map.of("learning_rate", 0.1), Map.of(), null, null, null, error,
        null, new TreeSet<>(), null, Map.of("train_loss", new MetricSummary(0.5, 0.4, 0.9, epochs, epochs),
            "val_loss", new MetricSummary(last, best, 2.0, 1, epochs)), Map.of(), 0);
  }

  @Test
  void best_so_far_follows_the_cells_in_start_order_and_counts_every_epoch_spent() {
    SearchTrace t = SearchTrace.of(List.of(
        run("a", RunStatus.RUNNING, 2, 0.7, 0.7, null), // no outcome yet: spends epochs, finds nothing
        run("b", RunStatus.FINISHED, 6, 0.5, 0.6, null),
        run("c", RunStatus.PRUNED, 1, 0.9, 0.9, "pruned at epoch 1: val_loss 0.9 is not among the best 1/3"),
        run("d", RunStatus.FINISHED, 6, 0.3, 0.35, null),
        run("e", RunStatus.DIVERGED, 3, 0.1, Double.NaN, "Loss became NaN at epoch 4")), LOSS);
    assertEquals(List.of(new SearchTrace.Step(2, 8, 0.5), new SearchTrace.Step(3, 9, 0.5),
        new SearchTrace.Step(4, 15, 0.3), new SearchTrace.Step(5, 18, 0.3)), t.steps(),
        "a diverged run's best epoch is not a finding; the first step is the first cell with a value");
    assertEquals(18, t.epochsSpent());
    assertEquals(0.3, t.best());
    assertEquals(List.of(new SearchTrace.Stop("c", 1, 0.9,
        "pruned at epoch 1: val_loss 0.9 is not among the best 1/3")), t.pruned());
  }

  @Test
  void for_a_maximised_test_metric_the_pruned_value_is_the_validation_metric_the_pruner_watched() {
    Run pruned = new Run("p", "e", "s", RunStatus.PRUNED, Map.of(), Map.of(), Map.of(), null, null, null, "pruned",
        null, new TreeSet<>(), null, Map.of("train_loss", new MetricSummary(1, 1, 1, 2, 2),
            "val_accuracy", new MetricSummary(0.61, 0.5, 0.61, 2, 2)), Map.of(), 0);
    Run finished = new Run("f", "e", "s", RunStatus.FINISHED, Map.of(), Map.of(), Map.of(), null, null, null, null,
        null, new TreeSet<>(), null, Map.of("train_loss", new MetricSummary(1, 1, 1, 4, 4)),
        Map.of("test_accuracy", 0.83), 0);
    SearchTrace t = SearchTrace.of(List.of(pruned, finished), new Objective("test_accuracy", "max"));
    assertEquals(0.61, t.pruned().get(0).value());
    assertEquals(List.of(new SearchTrace.Step(2, 6, 0.83)), t.steps());
    assertEquals(Map.of("best", 0.83, "epochs_spent", 6L, "best_so_far",
        List.of(Map.of("cells", 2, "epochs_spent", 6L, "best", 0.83)), "pruned",
        List.of(new java.util.LinkedHashMap<>(Map.of("id", "p", "epoch", 2, "value", 0.61, "reason", "pruned")))),
        t.toMap());
  }

  @Test
  void a_sweep_without_values_has_no_best_and_no_steps() {
    SearchTrace t = SearchTrace.of(List.of(run("a", RunStatus.RUNNING, 1, 0.7, 0.7, null)), LOSS);
    assertNull(t.best());
    assertEquals(List.of(), t.steps());
    assertEquals(1, t.epochsSpent());
  }
}
