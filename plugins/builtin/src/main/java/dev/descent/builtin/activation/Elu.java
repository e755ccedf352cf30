package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.factory.Nd4j;

/** {@code elu}: g(z) = z for z > 0, alpha (e^z - 1) otherwise (Clevert et al., torch.nn.ELU). */
public final class Elu extends BuiltinPlugin implements ActivationProvider {

  public Elu() {
    super("elu", "The exponential linear unit: z for z > 0, alpha * (e^z - 1) otherwise.",
        ParamSpec.real("alpha", 1.0, "value the negative side saturates to is -alpha").above(0));
  }

  @Override
  public Activation create(Params params) {
    double alpha = params.real("alpha");
    return new Activation() {
      @Override
      public void forward(INDArray z, INDArray out) {
        Nd4j.exec(new ELU(z, out, alpha));
      }

      @Override
      public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
        Nd4j.exec(new EluBp(z, gradOut, gradZ, alpha));
      }
    };
  }
}
