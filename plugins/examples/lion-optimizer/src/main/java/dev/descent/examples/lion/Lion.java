package dev.descent.examples.lion;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
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
 * the {@link State} of one parameter array, in double precision whatever the parameter's type.
 */
record Lion(Params params, double learningRate, double beta1, double beta2, double weightDecay) implements Optimizer {

  @Override
  public ParameterState newState(INDArray parameter) {
    return new State(parameter.shape(), this);
  }

  /** One parameter's momentum and step count; reads and writes the arrays in bulk. */
  private static final class State implements ParameterState {
    private final long[] shape;
    private final Lion c;
    private final double[] m;
    private final double[] p;
    private final double[] g;
    private long steps;

    State(long[] shape, Lion c) {
      this.shape = shape.clone();
      this.c = c;
      int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
      this.m = new double[n];
      this.p = new double[n];
      this.g = new double[n];
    }

    @Override
    public void step(INDArray parameter, INDArray gradient) {
      if (!Arrays.equals(shape, parameter.shape()) || !Arrays.equals(shape, gradient.shape())) {
        throw new IllegalArgumentException("state was created for shape " + Arrays.toString(shape)
            + ", got parameter " + Arrays.toString(parameter.shape()) + " and gradient " + Arrays.toString(gradient.shape()));
      }
      read(parameter, p);
      read(gradient, g);
      double lr = c.learningRate;
      double decay = 1 - lr * c.weightDecay;
      double b1 = c.beta1;
      double b2 = c.beta2;
      for (int i = 0; i < m.length; i++) {
        double direction = b1 * m[i] + (1 - b1) * g[i];
        p[i] = p[i] * decay - lr * Math.signum(direction);
        m[i] = b2 * m[i] + (1 - b2) * g[i];
      }
      write(p, parameter);
      steps++;
    }

    @Override
    public long steps() {
      return steps;
    }

    /**
     * Copies the elements in c order into {@code dst}. {@code dup('c')} gives a contiguous copy
     * whatever the array is (a view, f order), so views are handled like separate arrays; the
     * gradient is only read, never modified.
     */
    private static void read(INDArray a, double[] dst) {
      double[] values = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
      System.arraycopy(values, 0, dst, 0, dst.length);
    }

    /** Writes {@code src} (c order) back into {@code a}, in place, rounding to its type. */
    private static void write(double[] src, INDArray a) {
      INDArray values = org.nd4j.linalg.factory.Nd4j.createFromArray(src).reshape('c', a.shape());
      a.assign(values.castTo(a.dataType()));
    }
  }
}
