package dev.descent.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientCheckerTest {

  private static double cubeSum(INDArray x) {
    double s = 0;
    for (long i = 0; i < x.length(); i++) {
      s += Math.pow(x.getDouble(i), 3);
    }
    return s;
  }

  @Test
  void accepts_a_correct_gradient_and_restores_x() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0.5, -1.5}, {2.0, 0.25}});
    INDArray before = x.dup();
    INDArray grad = x.mul(x).muli(3);
    GradientChecker.Result r = GradientChecker.check(GradientCheckerTest::cubeSum, x, grad, 1e-6);
    assertTrue(r.passes(1e-8), r::toString);
    assertEquals(before, x);
  }

  @Test
  void reports_the_worst_element_of_a_wrong_gradient() {
    INDArray x = Nd4j.createFromArray(new double[][] {{0.5, -1.5}, {2.0, 0.25}});
    INDArray grad = x.mul(x).muli(3);
    grad.putScalar(2, grad.getDouble(2) * 1.01);
    GradientChecker.Result r = GradientChecker.check(GradientCheckerTest::cubeSum, x, grad, 1e-6);
    assertEquals(2, r.index());
    assertEquals(0.01 / 1.01, r.maxRelativeError(), 1e-6);
  }

  @Test
  void rejects_a_float32_point() {
    INDArray x = Nd4j.createFromArray(new float[] {1f, 2f});
    assertThrows(IllegalArgumentException.class, () -> GradientChecker.check(GradientCheckerTest::cubeSum, x, x, 1e-6));
  }

  @Test
  void relative_error_uses_the_floor_near_zero() {
    assertEquals(0.5, GradientChecker.relativeError(2, 1, 1e-8), 0);
    assertEquals(1e-10 / 1e-8, GradientChecker.relativeError(1e-10, 0, 1e-8), 1e-15);
  }
}
