package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@code tanh}: g(z) = tanh z, g'(z) = 1 - tanh² z. */
public final class Tanh extends BuiltinPlugin implements ActivationProvider, Activation {

  public Tanh() {
    super("tanh", "The hyperbolic tangent, mapping to (-1, 1).");
  }

  @Override
  public Activation create(Params params) {
    return this;
  }

  @Override
  public void forward(INDArray z, INDArray out) {
    Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(z, out));
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    Nd4j.exec(new TanhDerivative(z, gradOut, gradZ));
  }
}
