package dev.descent.builtin.optimizer;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSprop (Hinton's lecture 6e; centered form from Graves, 2013), as {@code torch.optim.RMSprop}
 * (PyTorch 1.13).
 *
 * <pre>
 * g = g + weight_decay * p
 * s = alpha * s + (1 - alpha) * g * g
 * centered:  a = alpha * a + (1 - alpha) * g;  avg = sqrt(s - a * a) + eps
 * otherwise: avg = sqrt(s) + eps
 * momentum > 0: b = momentum * b + g / avg;  p = p - learning_rate * b
 * otherwise:    p = p - learning_rate * g / avg
 * </pre>
 */
record RmsProp(Params params, double learningRate, double alpha, double eps, double weightDecay, double momentum,
    boolean centered) implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return FloatElements.isFloat(parameter) ? new Float32(parameter, this) : new State(parameter, this);
  }

  /** The same update in float32 for float32 parameters, as torch computes it ({@link FloatState}). */
  private static final class Float32 extends FloatState {
    private final RmsProp c;
    private final float[] squareAvg;
    private final float[] gradAvg;
    private final float[] buf;

    Float32(INDArray parameter, RmsProp c) {
      super(parameter);
      this.c = c;
      this.squareAvg = new float[size()];
      this.gradAvg = c.centered ? new float[size()] : null;
      this.buf = c.momentum > 0 ? new float[size()] : null;
    }

    @Override
    void update(float[] p, float[] g, long t) {
      final float alpha = (float) c.alpha;
      final float keep = (float) (1 - c.alpha);
      final float eps = (float) c.eps;
      final float wd = (float) c.weightDecay;
      final float lr = (float) c.learningRate;
      final float mu = (float) c.momentum;
      final float[] squareAvg = this.squareAvg;
      final float[] gradAvg = this.gradAvg;
      final float[] buf = this.buf;
      for (int i = 0; i < p.length; i++) {
        float gi = g[i] + wd * p[i];
        float s = squareAvg[i] * alpha + keep * gi * gi;
        squareAvg[i] = s;
        float avg;
        if (gradAvg != null) {
          float a = gradAvg[i] * alpha + keep * gi;
          gradAvg[i] = a;
          avg = (float) Math.sqrt(s - a * a) + eps;
        } else {
          avg = (float) Math.sqrt(s) + eps;
        }
        if (buf != null) {
          float b = buf[i] * mu + gi / avg;
          buf[i] = b;
          p[i] -= lr * b;
        } else {
          p[i] -= lr * (gi / avg);
        }
      }
    }
  }

  private static final class State extends ElementwiseState {
    private final RmsProp c;
    private final double[] squareAvg;
    private final double[] gradAvg;
    private final double[] buf;

    State(INDArray parameter, RmsProp c) {
      super(parameter);
      this.c = c;
      this.squareAvg = new double[size()];
      this.gradAvg = c.centered ? new double[size()] : null;
      this.buf = c.momentum > 0 ? new double[size()] : null;
    }

    @Override
    protected void update(double[] p, double[] g, long t) {
      double alpha = c.alpha;
      double eps = c.eps;
      double wd = c.weightDecay;
      double lr = c.learningRate;
      double mu = c.momentum;
      final double[] squareAvg = this.squareAvg;
      final double[] gradAvg = this.gradAvg;
      final double[] buf = this.buf;
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double gi = g[i];
        if (wd != 0) {
          gi = Math.fma(wd, pi, gi);
        }
        double s = Math.fma((1 - alpha) * gi, gi, squareAvg[i] * alpha);
        squareAvg[i] = s;
        double avg;
        if (gradAvg != null) {
          double a = Math.fma(1 - alpha, gi, gradAvg[i] * alpha);
          gradAvg[i] = a;
          avg = Math.sqrt(Math.fma(-a, a, s)) + eps;
        } else {
          avg = Math.sqrt(s) + eps;
        }
        if (buf != null) {
          double b = buf[i] * mu + gi / avg;
          buf[i] = b;
          p[i] = Math.fma(-lr, b, pi);
        } else {
          p[i] = Math.fma(-lr, gi / avg, pi);
        }
      }
    }
  }
}
