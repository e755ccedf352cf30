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
    Nd4j.exec(new RectifiedLinear(z, out, 0.0));
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    Nd4j.exec(new RectifiedLinearDerivative(z, gradOut, gradZ));
  }
}
