package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;

/**
 * {@code sigmoid}: g(z) = 1 / (1 + e^-z), g'(z) = g(z)(1 - g(z)). ND4J's native op saturates to
 * exactly 0 or 1 for large |z| rather than overflowing.
 */
public final class Sigmoid extends BuiltinPlugin implements ActivationProvider, Activation {

  public Sigmoid() {
    super("sigmoid", "The logistic function 1/(1+e^-z), mapping to (0, 1).");
  }

  @Override
  public Activation create(Params params) {
    return this;
  }

  @Override
  public void forward(INDArray z, INDArray out) {
    Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(z, out));
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    Nd4j.exec(new SigmoidDerivative(z, gradOut, gradZ));
  }
}
