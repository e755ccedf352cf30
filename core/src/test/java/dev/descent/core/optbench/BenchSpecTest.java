package dev.descent.core.optbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.DescentException;
import dev.descent.core.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BenchSpecTest {
  private static final Set<String> LOADED = new TreeSet<>(List.of("adam", "lion", "sgd"));

  private static BenchSpec spec(String candidate, List<String> against, int budget, int seeds) {
    return new BenchSpec(candidate, against, budget, seeds, 1e-5, 1, List.of());
  }

  @Test
  void the_default_grid_is_sixteen_third_decades_from_1e_5_to_1() {
    List<Double> grid = LrGrid.of(BenchSpec.DEFAULT_LR_MIN, BenchSpec.DEFAULT_LR_MAX, BenchSpec.DEFAULT_BUDGET);
    assertEquals(List.of(1e-5, 2.15e-5, 4.64e-5, 1e-4, 2.15e-4, 4.64e-4, 1e-3, 2.15e-3, 4.64e-3, 0.01, 0.0215,
        0.0464, 0.1, 0.215, 0.464, 1.0), grid);
    assertEquals(List.of(1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 0.01, 0.0316, 0.1, 0.316, 1.0),
        LrGrid.of(1e-5, 1, 11), "11 points: half decades");
    assertEquals(List.of(0.01), LrGrid.of(1e-4, 1, 1), "one rate: the geometric middle");
  }

  @Test
  void the_candidate_comes_first_and_every_optimizer_shares_one_grid() {
    BenchSpec s = spec("lion", List.of("sgd", "adam"), 4, 3);
    s.validate(LOADED);
    assertEquals(List.of("lion", "sgd", "adam"), s.optimizers());
    assertEquals(4, s.learningRates().size());
  }

  @Test
  void a_zero_budget_is_refused_naming_the_value_and_the_range() {
    DescentException e = assertThrows(DescentException.class, () -> spec("lion", List.of("sgd"), 0, 3).validate(LOADED));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("--budget: was 0, must be 1 to 50"), e.getMessage());
  }

  @Test
  void an_unknown_optimizer_is_refused_with_the_loaded_names_and_every_problem_at_once() {
    DescentException e = assertThrows(DescentException.class,
        () -> spec("adamw", List.of("sgd", "rmsprp", "sgd"), 3, 0).validate(LOADED));
    String m = e.getMessage();
    assertTrue(m.contains("4 problems"), m);
    assertTrue(m.contains("unknown optimizer 'adamw'; available: adam, lion, sgd"), m);
    assertTrue(m.contains("--against[1]: unknown optimizer 'rmsprp'"), m);
    assertTrue(m.contains("--against[2]: 'sgd' is listed twice"), m);
    assertTrue(m.contains("--seeds: was 0"), m);
  }

  @Test
  void an_unknown_problem_names_the_suite() {
    DescentException e = assertThrows(DescentException.class, () -> new BenchSpec("lion", List.of("sgd"), 3, 3, 1e-5,
        1, List.of("cifar")).validate(LOADED));
    assertTrue(e.getMessage().contains("--problems[0]: unknown problem 'cifar'; the suite has quadratic, moons-mlp,"
        + " fmnist-logreg, fmnist-mlp"), e.getMessage());
  }
}
