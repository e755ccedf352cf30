package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code relu}: g(z) = max(z, 0); g'(0) is taken as 0, as torch does. */
public final class Relu extends BuiltinPlugin implements ActivationProvider, Activation {

  public Relu() {
    super("relu", "The rectified linear unit max(z, 0).");
  }

  @Override
  public Activation create(Params params) {
    return this;
  }

  @Override
  public void forward(INDArray z, INDArray out) {
    if (FloatRuns.direct(z, out)) {
      FloatRuns.apply(z, null, out, Relu::forwardRun);
      return;
    }
    Nd4j.exec(new RectifiedLinear(z, out, 0.0));
  }

  /**
   * {@code b = max(a, 0)}, NaN kept as ND4J's op keeps it. {@code Math.max} compiles to vector max
   * instructions (0.07 ns an element here); the ternary {@code a < 0 ? 0 : a} stayed scalar (0.66 ns).
   */
  private static void forwardRun(float[] a, float[] b, int n) {
    for (int i = 0; i < n; i++) {
      b[i] = Math.max(a[i], 0f);
    }
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    if (FloatRuns.direct(z, gradOut, gradZ)) {
      FloatRuns.apply(z, gradOut, gradZ, Relu::backwardRun);
      return;
    }
    Nd4j.exec(new RectifiedLinearDerivative(z, gradOut, gradZ));
  }

  /** {@code b = a > 0 ? b : 0}: the gradient passes where the pre-activation was positive. */
  private static void backwardRun(float[] a, float[] b, int n) {
    for (int i = 0; i < n; i++) {
      b[i] = a[i] > 0f ? b[i] : 0f;
    }
  }
}
