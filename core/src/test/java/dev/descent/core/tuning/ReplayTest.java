package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replay on a four-configuration table whose outcome is worked out by hand below. */
class ReplayTest {
  private static ReplayTable.Config config(String name, double... curve) {
    return new ReplayTable.Config(name, Map.of("optimizer", name), curve, 1);
  }

  private static final ReplayTable TABLE = new ReplayTable("s", "val_accuracy", true, List.of("optimizer"), List.of(
      config("a", 0.5, 0.6, 0.7, 0.8),
      config("b", 0.4, 0.5, 0.6, 0.7),
      config("c", 0.6, 0.55, 0.9, 0.95),
      config("d", 0.7, 0.8, 0.85)));      // early stopping ended it after 3 epochs

  @Test
  void grid_order_with_asha_reproduces_the_hand_computed_run() {
    // asha, min_epochs 1, eta 2: rungs at epochs 1, 2, 4; keep the top max(1, n / 2) of the n at a rung
    // a: first at every rung, runs 4 epochs, best 0.80
    // b: epoch 1, 0.4 vs {0.5}: n 2, keep 1, cutoff 0.5: pruned after 1 epoch
    // c: epoch 1, 0.6 vs {0.5, 0.4}: n 3, keep 1, cutoff 0.6: goes on; epoch 2, 0.55 vs {0.6 (a)}: pruned after 2
    // d: epoch 1, 0.7 vs {0.5, 0.4, 0.6}: n 4, keep 2, cutoff 0.6: on; epoch 2, 0.8 vs {0.6, 0.55}: on;
    //    its curve ends at epoch 3, so it finishes there with best 0.85
    // spent 4 + 1 + 2 + 3 = 10 of the grid's 15 epochs; best of the unpruned 0.85
    Replay replay = new Replay(TABLE);
    Replay.Outcome o = replay.once("grid", new PrunerSpec("asha", 1, 2, 0, 0), 4, 0);
    assertEquals(new Replay.Outcome(0.85, 10, 4, 2), o);
    Map<String, Object> report = replay.report("grid", new PrunerSpec("asha", 1, 2, 0, 0), List.of(o));
    assertEquals(Map.of("median", 10 / 15.0, "q1", 10 / 15.0, "q3", 10 / 15.0), report.get("epochs_fraction"));
    assertEquals(0.95, report.get("grid_best"));
    assertEquals(15L, report.get("grid_epochs"));
  }

  @Test
  void without_a_pruner_every_sampler_that_tries_all_configurations_finds_the_grid_best_at_full_cost() {
    Replay replay = new Replay(TABLE);
    for (String method : List.of("grid", "random", "tpe")) {
      for (Replay.Outcome o : replay.run(method, PrunerSpec.NONE, 4, 5)) {
        assertEquals(new Replay.Outcome(0.95, 15, 4, 0), o, method);
      }
    }
  }

  @Test
  void quartiles_interpolate_between_order_statistics() {
    assertEquals(Map.of("median", 2.5, "q1", 1.75, "q3", 3.25), Replay.quartiles(new double[] {4, 1, 3, 2}));
  }
}
