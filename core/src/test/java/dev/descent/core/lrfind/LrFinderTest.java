package dev.descent.core.lrfind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.TestExperiments;
import dev.descent.core.data.Datasets;
import dev.descent.core.experiment.Experiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrFinderTest {

  @Test
  void the_schedule_runs_from_1e_7_to_10_evenly_in_log() {
    LrRange r = new LrRange(LrRange.START, LrRange.END, 100);
    assertEquals(1e-7, r.lr(0), 1e-20);
    assertEquals(10, r.lr(99), 1e-12);
    assertEquals(r.lr(1) / r.lr(0), r.lr(51) / r.lr(50), 1e-12);
  }

  @Test
  void smoothing_is_fastais_bias_corrected_moving_average() {
    SmoothedLoss s = new SmoothedLoss();
    assertEquals(2.0, s.add(2.0), 1e-12, "the first value is itself, not 0.02 of it");
    // fastai: avg = 0.98 * 0.04 + 0.02 * 1 = 0.0592; / (1 - 0.98^2) = 0.0396
    assertEquals(0.0592 / 0.0396, s.add(1.0), 1e-12);
  }

  @Test
  void the_suggestion_is_the_steepest_fall_inside_fastais_window() {
    List<LrPoint> points = new ArrayList<>();
    LrRange range = new LrRange(LrRange.START, LrRange.END, 50);
    for (int i = 0; i < 50; i++) {
      double loss = i < 20 ? 2.0 : i < 30 ? 2.0 - 0.1 * (i - 20) - (i >= 24 ? 0.3 : 0) : 0.7 + 0.2 * (i - 30);
      points.add(new LrPoint(i + 1, range.lr(i), loss, loss));
    }
    points.set(2, new LrPoint(3, range.lr(2), 5, 1.5)); // a steeper plunge in the first tenth: skipped
    points.set(38, new LrPoint(39, range.lr(38), 5, 0.9)); // and a steeper dip after the minimum (0.7 at 30)
    LrSuggestion s = LrSuggestion.of(points, 50);
    assertEquals(23, s.index(), "the drop from point 23 to 24 is the steepest before the minimum");
    assertEquals(range.lr(23), s.lr(), 1e-20);
    assertTrue(s.slope() < 0);
  }

  @Test
  void a_moons_mlp_with_adam_stops_when_the_loss_blows_up_and_repeats_itself() {
    Experiment e = TestExperiments.moons("[{type: dense, units: 16, activation: relu},"
        + " {type: dense, units: 2, activation: softmax}]", "{optimizer: adam, batch_size: 4, epochs: 1, seed: 3}");
    var train = Datasets.load(e.dataset()).train();
    LrFindResult a = new LrFinder(TestExperiments.PLUGINS).run(e, train, 100, p -> { });
    LrFindResult b = new LrFinder(TestExperiments.PLUGINS).run(e, train, 100, p -> { });
    assertEquals(a.points(), b.points(), "same seed, same test");
    assertNotNull(a.stopped(), "adam at lr 10 diverges: " + a.points().get(a.points().size() - 1));
    assertNotNull(a.suggestion());
    assertTrue(a.suggestion().index() >= 10 && a.suggestion().index() < a.points().size() - 5,
        "inside fastai's window: " + a.suggestion());
    LrPoint last = a.points().get(a.points().size() - 1);
    assertTrue(last.smoothed() > LrFinder.DIVERGED * a.minimum() || !Double.isFinite(last.loss()), last.toString());
    assertEquals(100, a.plannedSteps());
  }
}
