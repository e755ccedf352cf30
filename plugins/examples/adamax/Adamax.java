package com.example.adamax;

import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adamax (Kingma and Ba 2015, section 7.1), as {@code torch.optim.Adamax}: Adam with the second
 * moment replaced by an exponentially weighted infinity norm.
 *
 * <pre>
 * g = g + weight_decay * p
 * m = beta1 * m + (1 - beta1) * g
 * u = max(beta2 * u, |g| + eps)
 * p = p - learning_rate / (1 - beta1^t) * m / u
 * </pre>
 */
record Adamax(Params params, double learningRate, double beta1, double beta2, double eps, double weightDecay)
    implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return new ElementwiseState(parameter) {
      private final double[] m = new double[size()];
      private final double[] u = new double[size()];

      @Override
      protected void update(double[] p, double[] g, long t) {
        double stepSize = learningRate / (1 - Math.pow(beta1, t));
        for (int i = 0; i < p.length; i++) {
          double gi = g[i] + weightDecay * p[i];
          m[i] = beta1 * m[i] + (1 - beta1) * gi;
          u[i] = Math.max(beta2 * u[i], Math.abs(gi) + eps);
          p[i] -= stepSize * m[i] / u[i];
        }
      }
    };
  }
}
