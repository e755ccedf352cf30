package dev.descent.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.train.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTableTest {
  static final Objective MAX = new Objective("val_accuracy", "max");

  static SweepTable.Entry e(String id, String opt, double lr, String setting, double objective) {
    return new SweepTable.Entry(id, opt, lr, setting, RunStatus.FINISHED, objective);
  }

  static SweepTable.Entry diverged(String id, String opt, double lr, String setting) {
    return new SweepTable.Entry(id, opt, lr, setting, RunStatus.DIVERGED, Double.NaN);
  }

  @Test
  void a_cell_is_its_best_setting_averaged_over_seeds() {
    SweepTable t = SweepTable.of(List.of(
        e("a", "adam", 0.01, "b32", 0.90), e("b", "adam", 0.01, "b32", 0.92),
        e("c", "adam", 0.01, "b128", 0.95), e("d", "adam", 0.01, "b128", 0.97)), MAX);
    SweepTable.Setting best = t.best().get("adam").get(0.01);
    assertEquals("b128", best.key());
    assertEquals(0.96, best.objective().mean(), 1e-12);
    assertEquals(0.02 / Math.sqrt(2), best.objective().std(), 1e-12);
    assertEquals(List.of("c", "d"), best.runIds());
    assertEquals(2, t.settingsIn("adam", 0.01));
    assertEquals(List.of("b32", "b128"), t.settings().stream().map(SweepTable.Setting::key).toList());
  }

  @Test
  void lower_wins_for_a_min_objective_and_a_diverged_seed_leaves_the_mean_to_the_others() {
    SweepTable t = SweepTable.of(List.of(
        e("a", "sgd", 0.1, "x", 0.5), diverged("b", "sgd", 0.1, "x"),
        e("c", "sgd", 0.1, "y", 0.3), e("d", "sgd", 0.1, "y", 0.5)), new Objective("val_loss", "min"));
    SweepTable.Setting x = t.settings().get(0);
    assertEquals(1, x.objective().n());
    assertEquals(1, x.diverged());
    assertEquals("y", t.best().get("sgd").get(0.1).key(), "y's mean 0.4 is below x's 0.5");
  }

  @Test
  void a_cell_where_nothing_has_a_value_shows_its_divergence() {
    SweepTable t = SweepTable.of(List.of(
        new SweepTable.Entry("q", "sgd", 10, "b32", RunStatus.QUEUED, Double.NaN),
        diverged("a", "sgd", 10, "b128"), diverged("b", "sgd", 10, "b128")), MAX);
    SweepTable.Setting cell = t.best().get("sgd").get(10.0);
    assertTrue(Double.isNaN(cell.objective().mean()));
    assertEquals(2, cell.diverged());
    assertEquals(List.of(10.0), List.copyOf(t.learningRates()));
  }
}
