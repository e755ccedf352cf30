package dev.descent.builtin.loss;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.Loss;
import dev.descent.spi.LossProvider;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code mse}: J = mean over all N elements of (y - ŷ)², like {@code torch.nn.MSELoss()} with its
 * default mean reduction; dJ/dŷ = 2 (ŷ - y) / N.
 */
public final class Mse extends BuiltinPlugin implements LossProvider, Loss {

  public Mse() {
    super("mse", "Mean squared error over all elements, as torch.nn.MSELoss.");
  }

  @Override
  public Loss create(Params params) {
    return this;
  }

  @Override
  public double value(INDArray output, INDArray target) {
    return output.squaredDistance(target) / output.length();
  }

  @Override
  public void gradient(INDArray output, INDArray target, INDArray gradOutput) {
    if (gradOutput != output) {
      gradOutput.assign(output);
    }
    gradOutput.subi(target).muli(2.0 / output.length());
  }
}
