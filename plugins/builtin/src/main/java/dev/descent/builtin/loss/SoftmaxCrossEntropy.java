package dev.descent.builtin.loss;

import dev.descent.builtin.BuiltinPlugin;
import dev.descent.spi.FusedLoss;
import dev.descent.spi.Loss;
import dev.descent.spi.LossProvider;
import dev.descent.spi.Params;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code softmax_cross_entropy}: J = mean over the n rows of -sum_j y_j log p_j, for targets that
 * are distributions (one-hot or soft labels). Logs are clamped at -100 so a zero probability gives a
 * large finite loss; dJ/dp = -y / max(p, 1e-30) / n (the floor is a normal float32, so float
 * training never divides by zero).
 *
 * <p>{@code fusedWith("softmax")} computes it from the logits as {@code sum_j y_j (lse(z) - z_j)}
 * with a max-subtracted log-sum-exp, and its gradient {@code (softmax(z) - y) / n}, as
 * {@code torch.nn.CrossEntropyLoss} does; that form stays finite for any logits.
 */
public final class SoftmaxCrossEntropy extends BuiltinPlugin implements LossProvider, Loss {
  private static final double LOG_CLAMP = -100;
  private static final double MIN_P = 1e-30;

  public SoftmaxCrossEntropy() {
    super("softmax_cross_entropy", "Categorical cross-entropy of probability rows against target distributions.");
  }

  @Override
  public Loss create(Params params) {
    return this;
  }

  @Override
  public double value(INDArray p, INDArray y) {
    INDArray logP = Transforms.max(Transforms.log(p, true), LOG_CLAMP, false);
    return -y.mul(logP).sumNumber().doubleValue() / p.size(0);
  }

  @Override
  public void gradient(INDArray p, INDArray y, INDArray grad) {
    grad.assign(y.div(Transforms.max(p, MIN_P, true)).negi().divi(p.size(0)));
  }

  @Override
  public Optional<FusedLoss> fusedWith(String activationName) {
    return "softmax".equals(activationName) ? Optional.of(new WithLogits()) : Optional.empty();
  }

  /** The stable logits form, used after a softmax output layer. */
  private static final class WithLogits implements FusedLoss {

    @Override
    public double value(INDArray z, INDArray output, INDArray y) {
      INDArray max = z.max(true, 1);
      INDArray shifted = z.subColumnVector(max);
      INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
      // sum_j y_j (lse - shifted_j) = sum_j y_j lse - sum_j y_j shifted_j (the max cancels)
      INDArray perRow = y.sum(true, 1).muli(lse).subi(y.mul(shifted).sum(true, 1));
      return perRow.sumNumber().doubleValue() / z.size(0);
    }

    @Override
    public void gradient(INDArray z, INDArray output, INDArray y, INDArray gradLogits) {
      gradLogits.assign(output);
      gradLogits.subi(y).divi(z.size(0));
    }
  }
}
