package dev.descent.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ASHA and median rules on curves made by hand; the expected answers are worked out in the comments. */
class PruneRulesTest {
  private static Curve curve(String id, boolean finished, double... values) {
    return new Curve(id, values, finished);
  }

  @Test
  void asha_rungs_fall_at_min_epochs_times_eta_to_the_k() {
    AshaRule r = new AshaRule(2, 3, "val_accuracy", true);
    assertEquals(0, r.rungAt(2));
    assertEquals(1, r.rungAt(6));
    assertEquals(2, r.rungAt(18));
    assertEquals(-1, r.rungAt(1));
    assertEquals(-1, r.rungAt(3));
  }

  @Test
  void asha_keeps_only_the_top_third_of_the_trials_at_a_rung() {
    AshaRule r = new AshaRule(1, 3, "val_accuracy", true);
    // eight others reached epoch 3 (rung 1) with 0.80 .. 0.87; with this trial 9 compete, 9 / 3 = 3 go on:
    // the cutoff is the third best, 0.85
    List<Curve> others = List.of(
        curve("a", false, 0.5, 0.6, 0.80), curve("b", false, 0.5, 0.6, 0.81), curve("c", false, 0.5, 0.6, 0.82),
        curve("d", false, 0.5, 0.6, 0.83), curve("e", false, 0.5, 0.6, 0.84), curve("f", false, 0.5, 0.6, 0.85),
        curve("g", false, 0.5, 0.6, 0.86), curve("h", false, 0.5, 0.6, 0.87), curve("short", false, 0.9));
    assertEquals("val_accuracy 0.8120 below the rung-1 cutoff 0.8500 (top 1/3 of 9)",
        r.check(3, curve("me", false, 0.5, 0.6, 0.812), others));
    assertNull(r.check(3, curve("me", false, 0.5, 0.6, 0.851), others), "third best of nine goes on");
    assertNull(r.check(2, curve("me", false, 0.5, 0.1), others), "epoch 2 is no rung");
  }

  @Test
  void asha_is_strict_while_fewer_than_eta_trials_reached_the_rung() {
    AshaRule r = new AshaRule(1, 3, "val_loss", false);
    // two compete at rung 0: 2 / 3 = 0, so only the best (lowest loss) goes on, as in Optuna
    assertEquals("val_loss 0.5000 above the rung-0 cutoff 0.4000 (top 1/3 of 2)",
        r.check(1, curve("me", false, 0.5), List.of(curve("a", true, 0.4, 0.3))));
    assertNull(r.check(1, curve("me", false, 0.3), List.of(curve("a", true, 0.4, 0.3))));
    assertNull(r.check(1, curve("first", false, 0.9), List.of()), "the first trial at a rung goes on");
  }

  @Test
  void median_prunes_a_best_so_far_below_the_median_of_finished_trials_at_that_epoch() {
    MedianRule r = new MedianRule(3, 1, "val_accuracy", true);
    List<Curve> others = List.of(curve("a", true, 0.6, 0.70, 0.8), curve("b", true, 0.6, 0.74, 0.8),
        curve("c", true, 0.6, 0.80, 0.8), curve("d", true, 0.6, 0.90, 0.8), curve("running", false, 0.1, 0.1));
    // finished at epoch 2: 0.70 0.74 0.80 0.90, median (0.74 + 0.80) / 2 = 0.77; the running trial is ignored
    assertEquals("best val_accuracy 0.7600 below the median 0.7700 of 4 finished trials at epoch 2",
        r.check(2, curve("me", false, 0.76, 0.5), others));
    assertNull(r.check(2, curve("me", false, 0.78, 0.5), others), "best so far 0.78 is above the median");
    assertNull(r.check(1, curve("me", false, 0.1), others), "within the warm-up");
    assertNull(r.check(2, curve("me", false, 0.1, 0.1), others.subList(0, 2)), "fewer finished than startup_trials");
  }
}
