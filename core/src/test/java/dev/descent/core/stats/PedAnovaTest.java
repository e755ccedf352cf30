package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PedAnovaTest {
  /** 80 random trials: the objective is a bowl in log10(learning_rate); dropout and the optimizer are noise. */
  static List<Trial> trials(long seed, boolean conditional) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Trial> out = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      double lr = Math.pow(10, random.nextDouble(-4, 0));
      double dropout = random.nextDouble(0, 0.5);
      String optimizer = random.nextBoolean() ? "adam" : "sgd";
      double loss = Math.pow(Math.log10(lr) + 2.5, 2) + 0.05 * random.nextDouble();
      out.add(new Trial(conditional && optimizer.equals("sgd")
          ? Map.of("learning_rate", lr, "optimizer", optimizer)
          : Map.of("learning_rate", lr, "dropout", dropout, "optimizer", optimizer), loss));
    }
    return out;
  }

  @Test
  void gives_the_parameter_that_drives_the_objective_most_of_the_importance() {
    Importance imp = PedAnova.of(List.of("dropout", "optimizer", "learning_rate"), trials(42, false), false, 0.1);
    assertEquals("learning_rate", imp.params().get(0).param());
    assertTrue(imp.params().get(0).share() > 0.6, imp.params().toString());
    assertTrue(imp.params().stream().allMatch(s -> s.active() == 80), "every parameter in every trial");
    assertEquals(1.0, imp.params().stream().mapToDouble(Importance.Share::share).sum(), 1e-12);
    assertEquals(80, imp.trials());
    assertEquals("PED-ANOVA over the top 10% of 80 trials", imp.method());
  }

  @Test
  void ranks_the_same_way_whichever_direction_is_better() {
    List<Trial> negated = trials(42, false).stream().map(t -> new Trial(t.params(), -t.value())).toList();
    Importance low = PedAnova.of(List.of("dropout", "optimizer", "learning_rate"), trials(42, false), false, 0.1);
    Importance high = PedAnova.of(List.of("dropout", "optimizer", "learning_rate"), negated, true, 0.1);
    assertEquals(low.params(), high.params());
  }

  @Test
  void measures_a_conditional_parameter_over_the_trials_where_it_is_active() {
    Importance imp = PedAnova.of(List.of("dropout", "optimizer", "learning_rate"), trials(42, true), false, 0.1);
    Importance.Share dropout = imp.params().stream().filter(s -> s.param().equals("dropout")).findFirst().orElseThrow();
    assertTrue(dropout.active() < 80 && dropout.active() > 20, "adam trials only: " + dropout.active());
    assertEquals("learning_rate", imp.params().get(0).param());
    assertTrue(dropout.share() < imp.params().get(0).share());
  }

  @Test
  void needs_more_than_two_trials() {
    assertNull(PedAnova.of(List.of("learning_rate"), trials(1, false).subList(0, 2), false, 0.1));
  }
}
