package dev.descent.examples.lion;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import dev.descent.spi.Params;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    private final float[] floats;
    private long steps;

    State(long[] shape, Lion c) {
      this.shape = shape.clone();
      this.c = c;
      int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
      this.m = new double[n];
      this.p = new double[n];
      this.g = new double[n];
      this.floats = new float[n];
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
     * Copies the elements in c order into {@code dst}: straight from the array's memory when it is a
     * contiguous c-order float or double array (including a slice of a larger flat array), else
     * through a c-order copy, so column views and f-order arrays are updated like separate arrays.
     * One bulk copy per step, never a native call per element.
     */
    private void read(INDArray a, double[] dst) {
      if (contiguous(a) && a.dataType() == DataType.FLOAT) {
        a.data().asNioFloat().get(Math.toIntExact(a.offset()), floats, 0, dst.length);
        for (int i = 0; i < dst.length; i++) {
          dst[i] = floats[i];
        }
      } else if (contiguous(a) && a.dataType() == DataType.DOUBLE) {
        a.data().asNioDouble().get(Math.toIntExact(a.offset()), dst, 0, dst.length);
      } else {
        System.arraycopy(a.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0, dst, 0, dst.length);
      }
    }

    /** Writes {@code src} (c order) back into {@code a} in place, rounding to its type. */
    private void write(double[] src, INDArray a) {
      if (contiguous(a) && a.dataType() == DataType.FLOAT) {
        for (int i = 0; i < src.length; i++) {
          floats[i] = (float) src[i];
        }
        a.data().asNioFloat().put(Math.toIntExact(a.offset()), floats, 0, src.length);
      } else if (contiguous(a) && a.dataType() == DataType.DOUBLE) {
        a.data().asNioDouble().put(Math.toIntExact(a.offset()), src, 0, src.length);
      } else {
        a.assign(Nd4j.createFromArray(src).reshape('c', a.shape()).castTo(a.dataType()));
      }
    }

    private static boolean contiguous(INDArray a) {
      return a.length() == 1 || a.ordering() == 'c' && a.elementWiseStride() == 1;
    }
  }
}
