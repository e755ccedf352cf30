package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erfc;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code gelu}: the exact Gaussian error linear unit g(z) = z Φ(z) = z (1 + erf(z/√2)) / 2, as
 * {@code torch.nn.GELU()} with its default {@code approximate='none'} (not the tanh approximation);
 * g'(z) = Φ(z) + z φ(z) with φ the standard normal density.
 */
public final class Gelu extends BuiltinPlugin implements ActivationProvider, Activation {
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  public Gelu() {
    super("gelu", "The exact Gaussian error linear unit z * Phi(z), as torch.nn.GELU().");
  }

  @Override
  public Activation create(Params params) {
    return this;
  }

  @Override
  public void forward(INDArray z, INDArray out) {
    INDArray cdf = cdf(z);
    out.assign(cdf.muli(z));
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    INDArray pdf = Transforms.exp(z.mul(z).muli(-0.5), false).muli(INV_SQRT_2PI);
    INDArray slope = cdf(z).addi(pdf.muli(z));
    gradZ.assign(slope.muli(gradOut));
  }

  /**
   * Φ(z) = erfc(-z / √2) / 2, in a new array: equal to (1 + erf(z/√2)) / 2 but without the
   * cancellation of 1 + erf for negative z, where Φ is tiny.
   */
  private static INDArray cdf(INDArray z) {
    INDArray t = z.mul(-INV_SQRT2);
    Nd4j.exec(new Erfc(t, t));
    return t.muli(0.5);
  }
}
