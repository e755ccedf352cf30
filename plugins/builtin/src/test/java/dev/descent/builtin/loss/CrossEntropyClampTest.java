package dev.descent.builtin.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Saturated probabilities give torch's clamped values, not infinities or NaN. */
class CrossEntropyClampTest {

  @Test
  void binary_cross_entropy_clamps_the_log_at_minus_100_like_torch() {
    INDArray p = Nd4j.createFromArray(new float[][] {{0f, 1f}});
    INDArray y = Nd4j.createFromArray(new float[][] {{1f, 0f}});
    assertEquals(100.0, new BinaryCrossEntropy().value(p, y), 1e-9);
    INDArray g = p.ulike();
    new BinaryCrossEntropy().gradient(p, y, g);
    assertTrue(Double.isFinite(g.getDouble(0)) && Double.isFinite(g.getDouble(1)), g::toString);
  }

  @Test
  void softmax_cross_entropy_of_a_zero_probability_is_finite() {
    INDArray p = Nd4j.createFromArray(new float[][] {{0f, 1f}});
    INDArray y = Nd4j.createFromArray(new float[][] {{1f, 0f}});
    assertEquals(100.0, new SoftmaxCrossEntropy().value(p, y), 1e-9);
    INDArray g = p.ulike();
    new SoftmaxCrossEntropy().gradient(p, y, g);
    assertTrue(Double.isFinite(g.getDouble(0)), g::toString);
  }
}
