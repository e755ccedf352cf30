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
 * {@code binary_cross_entropy}: J = -mean over all N elements of y log p + (1 - y) log(1 - p), with
 * each log clamped at -100 as {@code torch.nn.BCELoss} does, so p = 0 or 1 gives a large finite
 * loss. The gradient is torch's {@code (p - y) / max(p (1 - p), 1e-12) / N}.
 *
 * <p>{@code fusedWith("sigmoid")} works on the logits z instead:
 * {@code mean(max(z, 0) - z y + log(1 + e^-|z|))} with gradient {@code (sigmoid(z) - y) / N}, as
 * {@code torch.nn.BCEWithLogitsLoss}; it never takes the log of a saturated probability.
 */
public final class BinaryCrossEntropy extends BuiltinPlugin implements LossProvider, Loss {
  private static final double LOG_CLAMP = -100;
  private static final double GRAD_EPS = 1e-12;

  public BinaryCrossEntropy() {
    super("binary_cross_entropy", "Binary cross-entropy of probabilities against 0/1 targets, as torch.nn.BCELoss.");
  }

  @Override
  public Loss create(Params params) {
    return this;
  }

  @Override
  public double value(INDArray p, INDArray y) {
    INDArray logP = Transforms.max(Transforms.log(p, true), LOG_CLAMP, false);
    INDArray log1mP = Transforms.max(Transforms.log(p.rsub(1.0), false), LOG_CLAMP, false);
    double sum = y.mul(logP).sumNumber().doubleValue() + y.rsub(1.0).muli(log1mP).sumNumber().doubleValue();
    return -sum / p.length();
  }

  @Override
  public void gradient(INDArray p, INDArray y, INDArray grad) {
    INDArray denom = Transforms.max(p.rsub(1.0).muli(p), GRAD_EPS, false);
    grad.assign(p.sub(y).divi(denom).divi(p.length()));
  }

  @Override
  public Optional<FusedLoss> fusedWith(String activationName) {
    return "sigmoid".equals(activationName) ? Optional.of(new WithLogits()) : Optional.empty();
  }

  /** The stable logits form, used after a sigmoid output layer. */
  private static final class WithLogits implements FusedLoss {

    @Override
    public double value(INDArray z, INDArray output, INDArray y) {
      INDArray softplus = Transforms.log(Transforms.exp(Transforms.abs(z, true).negi(), false).addi(1.0), false);
      INDArray perElement = Transforms.relu(z, true).subi(z.mul(y)).addi(softplus);
      return perElement.sumNumber().doubleValue() / z.length();
    }

    @Override
    public void gradient(INDArray z, INDArray output, INDArray y, INDArray gradLogits) {
      gradLogits.assign(output);
      gradLogits.subi(y).divi(z.length());
    }
  }
}
