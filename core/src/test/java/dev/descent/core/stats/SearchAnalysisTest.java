package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.store.Run;
import dev.descent.core.sweep.Objective;
import dev.descent.core.train.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SearchAnalysisTest {
  private static final Objective ACCURACY = new Objective("val_accuracy", "max");

  /** 40 random trials: accuracy peaks at lr = 3e-3; the optimizer barely matters; one trial diverged. */
  static List<Run> search() {
    SplittableRandom random = new SplittableRandom(5);
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double lr = Math.pow(10, random.nextDouble(-4, 0));
      String opt = random.nextBoolean() ? "adam" : "sgd";
      double acc = 0.9 - 0.03 * Math.pow(Math.log10(lr) + 2.5, 2) + 0.002 * random.nextDouble();
      Run r = SweepAnalysisTest.run("t" + i, i == 7 ? RunStatus.DIVERGED : RunStatus.FINISHED, opt, lr, acc);
      runs.add(i == 7 ? new Run(r.id(), r.experiment(), r.sweepId(), r.status(), r.config(), r.params(),
          r.provenance(), null, null, null, "diverged", null, r.tags(), null, Map.of(), Map.of(), 0) : r);
    }
    return runs;
  }

  @Test
  void a_search_gets_ped_anova_importance_instead_of_the_anova() {
    SweepAnalysis a = SweepAnalysis.of(ACCURACY, List.of("optimizer", "learning_rate"), search());
    assertNull(a.anova());
    assertNotNull(a.importance());
    assertEquals(39, a.importance().trials());
    assertEquals("learning_rate", a.importance().params().get(0).param());
    String line = AnalysisReport.lines(a).get(0);
    assertTrue(line.matches("learning_rate [<>]?\\d+%, optimizer [<>]?\\d+% \\(PED-ANOVA over the top 10% of 39 trials\\);"
        + " 1 run without a val_accuracy left out"), line);
    Map<String, Object> m = AnalysisReport.toMap(a);
    assertEquals(List.of(), m.get("anova"));
    assertEquals(2, ((List<?>) m.get("importance")).size());
  }

  @Test
  void a_full_grid_keeps_the_factorial_anova() {
    SweepAnalysis a = SweepAnalysis.of(ACCURACY, List.of("optimizer", "learning_rate"), SweepAnalysisTest.sweep());
    assertNull(a.importance());
    assertNotNull(a.anova());
    assertTrue(SweepAnalysis.fullFactorial(List.of("optimizer", "learning_rate"), SweepAnalysisTest.sweep()));
    assertTrue(!SweepAnalysis.fullFactorial(List.of("optimizer", "learning_rate"), search()));
  }
}
