package dev.descent.spi;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of an element-wise optimizer, with everything but the update rule done: the shape
 * check, the step counter, and the bulk copy of the parameter and the gradient into {@code double[]}
 * and of the new values back into the parameter. A subclass keeps its buffers (moments,
 * accumulators) as {@code double[]} of {@link #size()} elements and implements one loop in
 * {@link #update}:
 *
 * <pre>{@code
 * return new ElementwiseState(parameter) {
 *   final double[] m = new double[size()];
 *
 *   @Override
 *   protected void update(double[] p, double[] g, long t) {
 *     for (int i = 0; i < p.length; i++) {
 *       m[i] = beta * m[i] + g[i];
 *       p[i] -= learningRate * m[i];
 *     }
 *   }
 * };
 * }</pre>
 *
 * <p>Why: the update runs in double precision whatever the parameter's type (float32 parameters
 * are widened on the way in and rounded once on the way out), the loop runs over plain arrays,
 * which the JIT unrolls and vectorises (element access through ND4J costs 14-31 ns per element),
 * and views are handled: a contiguous c-order float32 or float64 array, including a slice of a
 * larger flat array, is read and written in place; anything else (a column view, f order, another
 * type) goes through a c-order copy that is written back. Every built-in optimizer uses this class.
 *
 * <p>API: part of the plugin SPI, stable within a {@link SpiVersion#MAJOR major SPI version}. Not
 * thread-safe, like every {@link ParameterState}.
 */
public abstract class ElementwiseState implements ParameterState {
  private final long[] shape;
  private final int size;
  private long steps;
  private final double[] pWork;
  private final double[] gWork;
  private final float[] floatWork;

  /**
   * Sizes the state for {@code parameter}; keeps its shape, never the array itself.
   *
   * @throws ArithmeticException if the parameter has more than {@link Integer#MAX_VALUE} elements
   */
  protected ElementwiseState(INDArray parameter) {
    this.shape = parameter.shape().clone();
    this.size = Math.toIntExact(parameter.length());
    this.pWork = new double[size];
    this.gWork = new double[size];
    this.floatWork = new float[size];
  }

  /** The number of elements of the parameter: the length of {@code p}, {@code g} and every buffer. */
  protected final int size() {
    return size;
  }

  /**
   * Checks the shapes, copies the parameter and the gradient in, calls {@link #update} with the
   * 1-based step number and copies the parameter back. The gradient is never written.
   *
   * @throws IllegalArgumentException if either array's shape differs from the one the state was made for
   */
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
   * The update rule: changes every element of {@code p} in place from {@code g}, both in c order.
   *
   * @param p the parameter's values; write the new values here
   * @param g the gradient's values; a scratch copy, so writing to it (e.g. adding weight decay) is allowed
   * @param t the number of this update, 1 for the first (for bias corrections such as {@code 1 - beta^t})
   */
  protected abstract void update(double[] p, double[] g, long t);

  @Override
  public final long steps() {
    return steps;
  }
}
