package dev.descent.examples.lion;

import dev.descent.spi.ElementwiseState;
import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * Algorithm 2), as the authors' reference implementation:
 *
 * <pre>
 * c = beta1 * m + (1 - beta1) * g          the update direction interpolates momentum and gradient
 * p = p * (1 - learning_rate * weight_decay) decoupled weight decay
 * p = p - learning_rate * sign(c)           every coordinate moves by exactly learning_rate
 * m = beta2 * m + (1 - beta2) * g          the momentum itself decays more slowly (beta2 > beta1)
 * </pre>
 *
 * <p>The configuration is an immutable record shared by every parameter; the momentum lives in
 * the state of one parameter array. {@link ElementwiseState} copies the parameter and gradient into
 * {@code double[]} and back, so the update rule is one loop over plain arrays.
 */
record Lion(Params params, double learningRate, double beta1, double beta2, double weightDecay) implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return new ElementwiseState(parameter) {
      private final double[] m = new double[size()];

      @Override
      protected void update(double[] p, double[] g, long t) {
        double decay = 1 - learningRate * weightDecay;
        for (int i = 0; i < p.length; i++) {
          double direction = beta1 * m[i] + (1 - beta1) * g[i];
          p[i] = p[i] * decay - learningRate * Math.signum(direction);
          m[i] = beta2 * m[i] + (1 - beta2) * g[i];
        }
      }
    };
  }
}
