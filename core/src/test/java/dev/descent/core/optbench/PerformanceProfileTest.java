package dev.descent.core.optbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceProfileTest {
  private static Map<String, Double> row(double a, double b, double c) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    m.put("c", c);
    return m;
  }

  /** Three problems worked by hand: ratios p1 (1, 2, 4), p2 (2, 1, inf: c failed), p3 (2, 2, 1). */
  private static PerformanceProfile handMade() {
    Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
    costs.put("p1", row(1, 2, 4));
    costs.put("p2", row(3, 1.5, Double.NaN));
    costs.put("p3", row(0.2, 0.2, 0.1));
    return PerformanceProfile.of(costs);
  }

  @Test
  void ratios_are_each_cost_over_the_best_on_its_problem_and_a_failure_is_infinite() {
    PerformanceProfile p = handMade();
    assertEquals(List.of("a", "b", "c"), p.solvers());
    assertEquals(1, p.ratio("p1", "a"), 1e-12);
    assertEquals(2, p.ratio("p1", "b"), 1e-12);
    assertEquals(4, p.ratio("p1", "c"), 1e-12);
    assertEquals(2, p.ratio("p2", "a"), 1e-12);
    assertEquals(1, p.ratio("p2", "b"), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, p.ratio("p2", "c"));
    assertEquals(2, p.ratio("p3", "a"), 1e-12);
    assertEquals(1, p.ratio("p3", "c"), 1e-12);
  }

  @Test
  void rho_is_the_fraction_of_problems_within_a_factor_tau_of_the_best() {
    PerformanceProfile p = handMade();
    assertEquals(1 / 3.0, p.rho("a", 1), 1e-12);
    assertEquals(1 / 3.0, p.rho("a", 1.99), 1e-12);
    assertEquals(1, p.rho("a", 2), 1e-12);
    assertEquals(1 / 3.0, p.rho("b", 1), 1e-12);
    assertEquals(1, p.rho("b", 2), 1e-12);
    assertEquals(1 / 3.0, p.rho("c", 1), 1e-12);
    assertEquals(1 / 3.0, p.rho("c", 3.9), 1e-12);
    assertEquals(2 / 3.0, p.rho("c", 4), 1e-12);
    assertEquals(2 / 3.0, p.rho("c", 1e12), 1e-12, "a failed problem never counts");
    assertEquals(List.of(1.0, 2.0, 4.0), p.breakpoints());
  }

  @Test
  void tied_winners_both_get_ratio_one() {
    Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
    costs.put("p", row(0.5, 0.5, 1));
    PerformanceProfile p = PerformanceProfile.of(costs);
    assertEquals(1, p.rho("a", 1), 1e-12);
    assertEquals(1, p.rho("b", 1), 1e-12);
    assertEquals(0, p.rho("c", 1), 1e-12);
  }

  @Test
  void a_perfect_zero_cost_is_raised_to_the_floor_so_the_others_stay_finite() {
    Map<String, Map<String, Double>> costs = new LinkedHashMap<>();
    costs.put("p", row(0, 0.001, Double.POSITIVE_INFINITY));
    PerformanceProfile p = PerformanceProfile.of(costs);
    assertEquals(1, p.ratio("p", "a"), 1e-12);
    assertEquals(0.001 / PerformanceProfile.FLOOR, p.ratio("p", "b"), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, p.ratio("p", "c"));
  }
}
