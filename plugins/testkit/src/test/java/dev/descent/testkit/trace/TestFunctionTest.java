package dev.descent.testkit.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.testkit.GradientChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TestFunctionTest {

  @ParameterizedTest
  @EnumSource(TestFunction.class)
  void analytic_gradient_matches_central_differences(TestFunction f) {
    for (double[] at : new double[][] {f.start(), {0.3, -0.7}, {2.5, 1.5}}) {
      INDArray x = Nd4j.createFromArray(new double[][] {at});
      INDArray g = Nd4j.createFromArray(new double[][] {f.gradient(at[0], at[1])});
      GradientChecker.Result r = GradientChecker.check(a -> f.value(a.getDouble(0), a.getDouble(1)), x, g, 1e-6);
      assertTrue(r.passes(1e-6), () -> f + " at " + java.util.Arrays.toString(at) + ": " + r);
    }
  }

  @Test
  void minima_have_value_zero() {
    assertEquals(0, TestFunction.ROSENBROCK.value(1, 1));
    assertEquals(0, TestFunction.QUADRATIC.value(0, 0));
    assertEquals(0, TestFunction.HIMMELBLAU.value(3, 2));
  }

  @Test
  void finds_functions_by_lowercase_id_and_lists_valid_names_otherwise() {
    assertEquals(TestFunction.HIMMELBLAU, TestFunction.byName("himmelblau"));
    assertEquals("rosenbrock", TestFunction.ROSENBROCK.id());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestFunction.byName("beale"));
    assertTrue(e.getMessage().contains("rosenbrock, quadratic, himmelblau"), e.getMessage());
  }
}
