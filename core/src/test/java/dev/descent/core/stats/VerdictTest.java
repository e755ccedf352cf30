package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void an_unsettled_difference_says_how_many_seeds_would_settle_it() {
    double[] adam = {0.861, 0.858, 0.866};
    double[] rmsprop = {0.857, 0.860, 0.851};
    Comparison c = WinnerTest.compare("adam lr=0.001", adam, "rmsprop lr=0.001", rmsprop, true);
    String v = Verdict.of(c, "val_accuracy");
    assertTrue(v.startsWith("adam lr=0.001 beats rmsprop lr=0.001 by 0.57 ± "), v);
    assertTrue(v.contains(" points; with 3 seeds that is not significant (p = "), v);
    assertTrue(v.endsWith(" seeds per configuration would settle a 0.57-point difference at 80% power"), v);
    assertTrue(c.seedsNeeded() > 3 && c.seedsNeeded() < 30, "needed " + c.seedsNeeded());
  }

  @Test
  void welch_p_is_commons_math_and_a_loss_is_better_when_lower() {
    double[] a = {0.30, 0.31, 0.29, 0.30};
    double[] b = {0.40, 0.42, 0.39, 0.41};
    Comparison c = WinnerTest.compare("a", a, "b", b, false);
    assertEquals(0.105, c.difference(), 1e-12);
    // scipy.stats.ttest_ind(a, b, equal_var=False).pvalue
    assertEquals(3.312269095523531e-05, c.p(), 1e-12);
    assertTrue(c.ciLow() > 0.08 && c.ciHigh() < 0.13, c.ciLow() + ".." + c.ciHigh());
    String v = Verdict.of(c, "val_loss");
    assertTrue(v.startsWith("a beats b by 0.11 ± "), v);
    assertTrue(v.endsWith(" (val_loss); with 4 seeds that is significant (p = 3.3e-05)"), v);
  }

  @Test
  void one_seed_says_there_is_no_telling() {
    Comparison c = WinnerTest.compare("a", new double[] {0.9}, "b", new double[] {0.8}, true);
    assertTrue(Double.isNaN(c.p()));
    assertTrue(Verdict.of(c, "val_accuracy").endsWith("with 1 seed there is no telling whether that is noise: run 2 "
        + "or more seeds per configuration"), Verdict.of(c, "val_accuracy"));
  }
}
