package dev.descent.builtin.optimizer;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD} (PyTorch 1.13).
 *
 * <pre>
 * d = g + weight_decay * p
 * if momentum != 0:
 *   b = d                                    (first step)
 *   b = momentum * b + (1 - dampening) * d   (later steps)
 *   d = nesterov ? d + momentum * b : b
 * p = p - learning_rate * d
 * </pre>
 */
record Sgd(Params params, double learningRate, double momentum, double dampening, boolean nesterov,
    double weightDecay) implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return FloatElements.isFloat(parameter) ? new Float32(parameter, this) : new State(parameter, this);
  }

  /** The same update in float32 for float32 parameters, as torch computes it ({@link FloatState}). */
  private static final class Float32 extends FloatState {
    private final Sgd c;
    private final float[] buf;

    Float32(INDArray parameter, Sgd c) {
      super(parameter);
      this.c = c;
      this.buf = c.momentum != 0 ? new float[size()] : null;
    }

    @Override
    void update(float[] p, float[] g, long t) {
      final float lr = (float) c.learningRate;
      final float wd = (float) c.weightDecay;
      final float mu = (float) c.momentum;
      final float keep = (float) (1 - c.dampening);
      final boolean first = t == 1;
      final boolean nesterov = c.nesterov;
      final float[] buf = this.buf;
      for (int i = 0; i < p.length; i++) {
        float d = g[i] + wd * p[i];
        if (buf != null) {
          float b = first ? d : buf[i] * mu + keep * d;
          buf[i] = b;
          d = nesterov ? d + mu * b : b;
        }
        p[i] -= lr * d;
      }
    }
  }

  private static final class State extends ElementwiseState {
    private final Sgd c;
    private final double[] buf;

    State(INDArray parameter, Sgd c) {
      super(parameter);
      this.c = c;
      this.buf = c.momentum != 0 ? new double[size()] : null;
    }

    @Override
    protected void update(double[] p, double[] g, long t) {
      double lr = c.learningRate;
      double wd = c.weightDecay;
      double mu = c.momentum;
      double keep = 1 - c.dampening;
      boolean first = t == 1;
      boolean nesterov = c.nesterov;
      final double[] buf = this.buf;
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double d = g[i];
        if (wd != 0) {
          d = Math.fma(wd, pi, d);
        }
        if (buf != null) {
          double b = first ? d : Math.fma(keep, d, buf[i] * mu);
          buf[i] = b;
          d = nesterov ? Math.fma(mu, b, d) : b;
        }
        p[i] = Math.fma(-lr, d, pi);
      }
    }
  }
}
