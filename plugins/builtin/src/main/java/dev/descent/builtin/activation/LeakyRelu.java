package dev.descent.builtin.activation;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Activation;
import dev.descent.spi.ActivationProvider;
import dev.descent.spi.ParamSpec;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@code leaky_relu}: g(z) = z for z > 0, negative_slope * z otherwise (torch.nn.LeakyReLU). */
public final class LeakyRelu extends BuiltinPlugin implements ActivationProvider {

  public LeakyRelu() {
    super("leaky_relu", "The leaky rectifier: z for z > 0, negative_slope * z otherwise.",
        ParamSpec.real("negative_slope", 0.01, "slope for z <= 0").atLeast(0));
  }

  @Override
  public Activation create(Params params) {
    double slope = params.real("negative_slope");
    return new Activation() {
      @Override
      public void forward(INDArray z, INDArray out) {
        Nd4j.exec(new LeakyReLU(z, out, slope));
      }

      @Override
      public void backward(INDArray z, INDArray out, INDArray gradOut, INDArray gradZ) {
        Nd4j.exec(new LeakyReLUBp(z, gradOut, gradZ, slope));
      }
    };
  }
}
