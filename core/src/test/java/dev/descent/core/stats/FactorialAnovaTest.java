package dev.descent.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactorialAnovaTest {

  private static Observation obs(String a, String b, double y) {
    return new Observation(Map.of("a", a, "b", b), y);
  }

  @Test
  void an_empty_cell_costs_the_interaction_a_degree_of_freedom_and_says_so() {
    List<Observation> data = new ArrayList<>();
    double[][] means = {{1, 2, 3}, {2, 4, 0}};
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        if (i == 1 && j == 2) {
          continue; // every run of this cell diverged
        }
        for (int s = 0; s < 3; s++) {
          data.add(obs("a" + i, "b" + j, means[i][j] + 0.1 * (s - 1) + 0.01 * i * s));
        }
      }
    }
    AnovaTable t = FactorialAnova.of(List.of("a", "b"), data);
    assertEquals(List.of("a", "b", "a:b", "Residual"), t.rows().stream().map(AnovaRow::term).toList());
    assertEquals(1, t.terms().get(2).df(), "a:b has 2 columns but one cell is empty");
    assertEquals(15 - 5, t.residual().df(), "15 runs, 5 estimable cell means");
    assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("a:b: 1 of its 2 degrees of freedom")), t.notes().toString());
    assertTrue(t.terms().get(1).p() < 1e-6, "b's effect is large against the 0.1 noise");
  }

  @Test
  void an_axis_with_one_value_is_left_out_with_a_note() {
    List<Observation> data = List.of(obs("x", "b0", 1), obs("x", "b0", 1.2), obs("x", "b1", 2), obs("x", "b1", 2.1));
    AnovaTable t = FactorialAnova.of(List.of("a", "b"), data);
    assertEquals(List.of("b", "Residual"), t.rows().stream().map(AnovaRow::term).toList());
    assertTrue(t.notes().get(0).startsWith("a has one value"), t.notes().toString());
  }

  @Test
  void one_run_per_cell_gives_sums_of_squares_but_no_test() {
    List<Observation> data = List.of(obs("a0", "b0", 1), obs("a0", "b1", 2), obs("a1", "b0", 3), obs("a1", "b1", 5));
    AnovaTable t = FactorialAnova.of(List.of("a", "b"), data);
    assertEquals(0, t.residual().df());
    assertTrue(Double.isNaN(t.terms().get(0).p()));
    assertEquals(0.25, t.terms().get(2).sumSq(), 1e-12, "interaction contrast (5-3-2+1)^2/4");
  }
}
