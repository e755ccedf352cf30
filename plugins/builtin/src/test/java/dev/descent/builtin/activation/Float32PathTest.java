package dev.descent.builtin.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.builtin.Registered;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java loops that relu and softmax run on contiguous float32 arrays ({@link FloatRuns}) give what the
 * ND4J ops they replace give, on a batch larger than one run (so run boundaries are crossed) and on views
 * into a larger buffer, as the network's arrays may be.
 */
class Float32PathTest {
  private static final int ROWS = 37;
  private static final int COLS = 300;

  private static INDArray randomView(long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray flat = Nd4j.rand(DataType.FLOAT, 1, ROWS * COLS + 7).subi(0.5).muli(8);
    return flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 7 + ROWS * COLS)).reshape('c', ROWS, COLS);
  }

  private static float[] values(INDArray a) {
    return a.dup('c').reshape(a.length()).toFloatVector();
  }

  private static Activation plugin(String name) {
    return Registered.plugin(ActivationProvider.class, name).configure(Map.of());
  }

  @Test
  void relu_forward_and_backward_on_float32_equal_the_nd4j_ops() {
    INDArray z = randomView(11);
    // the branch-free mask must also get the edges right: zeros, the smallest subnormals, the largest floats
    float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < edges.length; i++) {
      z.putScalar(i, 3, edges[i]);
    }
    INDArray gradOut = Nd4j.rand(DataType.FLOAT, ROWS, COLS).subi(0.5);
    assertTrue(FloatRuns.direct(z, gradOut), "the test arrays take the Java path");
    Activation relu = plugin("relu");
    INDArray out = Nd4j.create(DataType.FLOAT, ROWS, COLS);
    relu.forward(z, out);
    INDArray expectedOut = Nd4j.create(DataType.FLOAT, ROWS, COLS);
    Nd4j.exec(new RectifiedLinear(z, expectedOut, 0.0));
    // delta 0: equal values; max(-0, 0) = +0 where ND4J keeps -0, the same number
    assertArrayEquals(values(expectedOut), values(out), 0f);

    INDArray gradZ = gradOut.dup();
    relu.backward(z, out, gradZ, gradZ);
    INDArray expectedGrad = Nd4j.create(DataType.FLOAT, ROWS, COLS);
    Nd4j.exec(new RectifiedLinearDerivative(z, gradOut, expectedGrad));
    assertArrayEquals(values(expectedGrad), values(gradZ), 0f);
  }

  @Test
  void softmax_forward_on_float32_matches_the_nd4j_op() {
    INDArray z = randomView(12);
    Activation softmax = plugin("softmax");
    INDArray out = Nd4j.create(DataType.FLOAT, ROWS, COLS);
    softmax.forward(z, out);
    INDArray expected = Nd4j.create(DataType.FLOAT, ROWS, COLS);
    Nd4j.exec(new SoftMax(z, expected, 1));
    assertArrayEquals(values(expected), values(out), 1e-7f);
    assertArrayEquals(Nd4j.ones(DataType.FLOAT, ROWS).toFloatVector(), values(out.sum(1)), 1e-5f);
  }
}
