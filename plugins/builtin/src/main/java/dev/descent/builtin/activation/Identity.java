package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code identity}: g(z) = z, for regression outputs. */
public final class Identity extends BuiltinPlugin implements ActivationProvider, Activation {

  public Identity() {
    super("identity", "The identity g(z) = z, for linear (regression) outputs.");
  }

  @Override
  public Activation create(Params params) {
    return this;
  }

  @Override
  public void forward(INDArray z, INDArray out) {
    if (out != z) {
      out.assign(z);
    }
  }

  @Override
  public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
    if (gradZ != gradOut) {
      gradZ.assign(gradOut);
    }
  }
}
