package dev.descent.builtin.optimizer;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adadelta (Zeiler, 2012), as {@code torch.optim.Adadelta} (PyTorch 1.13), which scales the step
 * by a learning rate (1.0 in the paper).
 *
 * <pre>
 * g = g + weight_decay * p
 * s = rho * s + (1 - rho) * g * g
 * delta = sqrt(u + eps) / sqrt(s + eps) * g
 * u = rho * u + (1 - rho) * delta * delta
 * p = p - learning_rate * delta
 * </pre>
 */
record Adadelta(Params params, double learningRate, double rho, double eps, double weightDecay)
    implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return FloatElements.isFloat(parameter) ? new Float32(parameter, this) : new State(parameter, this);
  }

  /** The same update in float32 for float32 parameters, as torch computes it ({@link FloatState}). */
  private static final class Float32 extends FloatState {
    private final Adadelta c;
    private final float[] squareAvg;
    private final float[] accDelta;

    Float32(INDArray parameter, Adadelta c) {
      super(parameter);
      this.c = c;
      this.squareAvg = new float[size()];
      this.accDelta = new float[size()];
    }

    @Override
    void update(float[] p, float[] g, long t) {
      final float rho = (float) c.rho;
      final float keep = (float) (1 - c.rho);
      final float eps = (float) c.eps;
      final float wd = (float) c.weightDecay;
      final float lr = (float) c.learningRate;
      final float[] squareAvg = this.squareAvg;
      final float[] accDelta = this.accDelta;
      for (int i = 0; i < p.length; i++) {
        float gi = g[i] + wd * p[i];
        float s = squareAvg[i] * rho + keep * gi * gi;
        squareAvg[i] = s;
        float delta = (float) Math.sqrt(accDelta[i] + eps) / (float) Math.sqrt(s + eps) * gi;
        accDelta[i] = accDelta[i] * rho + keep * delta * delta;
        p[i] -= lr * delta;
      }
    }
  }

  private static final class State extends ElementwiseState {
    private final Adadelta c;
    private final double[] squareAvg;
    private final double[] accDelta;

    State(INDArray parameter, Adadelta c) {
      super(parameter);
      this.c = c;
      this.squareAvg = new double[size()];
      this.accDelta = new double[size()];
    }

    @Override
    protected void update(double[] p, double[] g, long t) {
      double rho = c.rho;
      double eps = c.eps;
      double wd = c.weightDecay;
      double lr = c.learningRate;
      final double[] squareAvg = this.squareAvg;
      final double[] accDelta = this.accDelta;
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double gi = g[i];
        if (wd != 0) {
          gi = Math.fma(wd, pi, gi);
        }
        double s = Math.fma((1 - rho) * gi, gi, squareAvg[i] * rho);
        squareAvg[i] = s;
        double std = Math.sqrt(s + eps);
        double delta = Math.sqrt(accDelta[i] + eps) / std * gi;
        accDelta[i] = Math.fma((1 - rho) * delta, delta, accDelta[i] * rho);
        p[i] = Math.fma(-lr, delta, pi);
      }
    }
  }
}
