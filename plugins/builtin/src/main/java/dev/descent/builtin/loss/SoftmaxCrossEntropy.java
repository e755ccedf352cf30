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

  /**
   * The stable logits form, used after a softmax output layer. On contiguous arrays (every training batch)
   * value and gradient are one Java loop over the batch's few values ({@link HostRows}), in double; the
   * ND4J form below costs about a dozen native ops and eight temporary arrays per batch.
   */
  private static final class WithLogits implements FusedLoss {

    @Override
    public double value(INDArray z, INDArray output, INDArray y) {
      if (HostRows.direct(z) && HostRows.direct(y)) {
        return hostValue(HostRows.read(z), HostRows.read(y), (int) z.size(0), (int) z.size(1));
      }
      INDArray max = z.max(true, 1);
      INDArray shifted = z.subColumnVector(max);
      INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
      // sum_j y_j (lse - shifted_j) = sum_j y_j lse - sum_j y_j shifted_j (the max cancels)
      INDArray perRow = y.sum(true, 1).muli(lse).subi(y.mul(shifted).sum(true, 1));
      return perRow.sumNumber().doubleValue() / z.size(0);
    }

    /** {@code sum_rows sum_j y_j (lse(z) - z_j) / rows}, lse with the row's maximum subtracted. */
    private static double hostValue(double[] z, double[] y, int rows, int cols) {
      double total = 0;
      for (int r = 0; r < rows; r++) {
        int o = r * cols;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
          max = Math.max(max, z[o + j]);
        }
        double sum = 0;
        for (int j = 0; j < cols; j++) {
          sum += Math.exp(z[o + j] - max);
        }
        // lse - z_j as (max - z_j) + log(sum): adding max and then subtracting z_j would lose the low bits
        double logSum = Math.log(sum);
        double row = 0;
        for (int j = 0; j < cols; j++) {
          if (y[o + j] != 0) {
            row += y[o + j] * ((max - z[o + j]) + logSum);
          }
        }
        total += row;
      }
      return total / rows;
    }

    @Override
    public void gradient(INDArray z, INDArray output, INDArray y, INDArray gradLogits) {
      if (HostRows.direct(output) && HostRows.direct(y) && HostRows.direct(gradLogits)) {
        double[] g = HostRows.read(output);
        double[] t = HostRows.read(y);
        double n = z.size(0);
        for (int i = 0; i < g.length; i++) {
          g[i] = (g[i] - t[i]) / n;
        }
        HostRows.write(gradLogits, g);
        return;
      }
      gradLogits.assign(output);
      gradLogits.subi(y).divi(z.size(0));
    }
  }
}
