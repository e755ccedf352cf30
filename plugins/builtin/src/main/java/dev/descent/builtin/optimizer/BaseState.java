package dev.descent.builtin.optimizer;

import dev.descent.spi.ParameterState;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every built-in optimizer state shares: the shape check, direct element access and the step
 * counter. Subclasses hold their buffers as double[] (full precision whatever the parameter's
 * type, and no native allocation) and implement one fused loop in {@link #update}.
 */
abstract class BaseState implements ParameterState {
  private final long[] shape;
  /** Number of elements of the parameter. */
  protected final int n;
  private long steps;

  /** Scratch arrays reused every step: the parameter and gradient in double, and a float transfer buffer. */
  private final double[] pWork;
  private final double[] gWork;
  private final float[] floatWork;

  BaseState(INDArray parameter) {
    this.shape = parameter.shape().clone();
    this.n = Math.toIntExact(parameter.length());
    this.pWork = new double[n];
    this.gWork = new double[n];
    this.floatWork = new float[n];
  }

  @Override
  public final void step(INDArray parameter, INDArray gradient) {
    if (!Arrays.equals(shape, parameter.shape()) || !Arrays.equals(shape, gradient.shape())) {
      throw new IllegalArgumentException("state was created for shape " + Arrays.toString(shape) + ", got parameter "
          + Arrays.toString(parameter.shape()) + " and gradient " + Arrays.toString(gradient.shape()));
    }
    Elements p = Elements.of(parameter);
    Elements g = Elements.of(gradient);
    p.read(pWork, floatWork);
    g.read(gWork, floatWork);
    steps++;
    update(pWork, gWork, steps);
    p.write(pWork, floatWork);
  }

  /**
   * Updates every element of p in place from g; {@code t} is the 1-based number of this update. Both
   * are plain arrays (bulk-copied from the parameter's memory), so the loop is tight enough for the JIT
   * to unroll and vectorise: element access through a buffer per element cost 14-31 ns per element.
   */
  abstract void update(double[] p, double[] g, long t);

  @Override
  public final long steps() {
    return steps;
  }
}
