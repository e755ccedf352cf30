package dev.descent.builtin.optimizer;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adagrad (Duchi et al., 2011), as {@code torch.optim.Adagrad} (PyTorch 1.13).
 *
 * <pre>
 * t = t + 1
 * g = g + weight_decay * p
 * clr = learning_rate / (1 + (t - 1) * lr_decay)
 * s = s + g * g                      (s starts at initial_accumulator_value)
 * p = p - clr * g / (sqrt(s) + eps)
 * </pre>
 */
record Adagrad(Params params, double learningRate, double lrDecay, double weightDecay, double initialAccumulator,
    double eps) implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return FloatElements.isFloat(parameter) ? new Float32(parameter, this) : new State(parameter, this);
  }

  /** The same update in float32 for float32 parameters, as torch computes it ({@link FloatState}). */
  private static final class Float32 extends FloatState {
    private final Adagrad c;
    private final float[] sum;

    Float32(INDArray parameter, Adagrad c) {
      super(parameter);
      this.c = c;
      this.sum = new float[size()];
      java.util.Arrays.fill(sum, (float) c.initialAccumulator);
    }

    @Override
    void update(float[] p, float[] g, long t) {
      final float wd = (float) c.weightDecay;
      final float eps = (float) c.eps;
      final float clr = (float) (c.learningRate / (1 + (t - 1) * c.lrDecay));
      final float[] sum = this.sum;
      for (int i = 0; i < p.length; i++) {
        float gi = g[i] + wd * p[i];
        float s = sum[i] + gi * gi;
        sum[i] = s;
        p[i] -= clr * (gi / ((float) Math.sqrt(s) + eps));
      }
    }
  }

  private static final class State extends ElementwiseState {
    private final Adagrad c;
    private final double[] sum;

    State(INDArray parameter, Adagrad c) {
      super(parameter);
      this.c = c;
      this.sum = new double[size()];
      java.util.Arrays.fill(sum, c.initialAccumulator);
    }

    @Override
    protected void update(double[] p, double[] g, long t) {
      double wd = c.weightDecay;
      double eps = c.eps;
      final double[] sum = this.sum;
      double clr = c.learningRate / (1 + (t - 1) * c.lrDecay);
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double gi = g[i];
        if (wd != 0) {
          gi = Math.fma(wd, pi, gi);
        }
        double s = Math.fma(gi, gi, sum[i]);
        sum[i] = s;
        double std = Math.sqrt(s) + eps;
        p[i] = Math.fma(-clr, gi / std, pi);
      }
    }
  }
}
