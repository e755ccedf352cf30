package dev.descent.builtin.optimizer;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba, 2015) with torch's optional AMSGrad, as {@code torch.optim.Adam} (PyTorch
 * 1.13, L2 weight decay added to the gradient, not decoupled as in AdamW).
 *
 * <pre>
 * t = t + 1
 * g = g + weight_decay * p
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * vmax = max(vmax, v)                               (amsgrad only; then v below is vmax)
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p = p - learning_rate / (1 - beta1^t) * m / denom
 * </pre>
 */
record Adam(Params params, double learningRate, double beta1, double beta2, double eps, double weightDecay,
    boolean amsgrad) implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return new State(parameter, this);
  }

  private static final class State extends ElementwiseState {
    private final Adam c;
    private final double[] m;
    private final double[] v;
    private final double[] vmax;

    State(INDArray parameter, Adam c) {
      super(parameter);
      this.c = c;
      this.m = new double[size()];
      this.v = new double[size()];
      this.vmax = c.amsgrad ? new double[size()] : null;
    }

    @Override
    protected void update(double[] p, double[] g, long t) {
      double b1 = c.beta1;
      double b2 = c.beta2;
      double wd = c.weightDecay;
      double eps = c.eps;
      final double[] m = this.m;
      final double[] v = this.v;
      final double[] vmax = this.vmax;
      double stepSize = c.learningRate / (1 - Math.pow(b1, t));
      double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
      for (int i = 0; i < p.length; i++) {
        double pi = p[i];
        double gi = g[i];
        if (wd != 0) {
          gi = Math.fma(wd, pi, gi);
        }
        double mi = Math.fma(1 - b1, gi, m[i] * b1);
        double vi = Math.fma((1 - b2) * gi, gi, v[i] * b2);
        m[i] = mi;
        v[i] = vi;
        if (vmax != null) {
          vi = Math.max(vmax[i], vi);
          vmax[i] = vi;
        }
        double denom = Math.sqrt(vi) / bc2Sqrt + eps;
        p[i] = Math.fma(-stepSize, mi / denom, pi);
      }
    }
  }
}
