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

  BaseState(INDArray parameter) {
    this.shape = parameter.shape().clone();
    this.n = Math.toIntExact(parameter.length());
  }

  @Override
  public final void step(INDArray parameter, INDArray gradient) {
    if (!Arrays.equals(shape, parameter.shape()) || !Arrays.equals(shape, gradient.shape())) {
      throw new IllegalArgumentException("state was created for shape " + Arrays.toString(shape) + ", got parameter "
          + Arrays.toString(parameter.shape()) + " and gradient " + Arrays.toString(gradient.shape()));
    }
    Elements p = Elements.of(parameter);
    Elements g = Elements.of(gradient);
    steps++;
    update(p, g, steps);
    p.commit();
  }

  /** Updates every element of p in place from g; {@code t} is the 1-based number of this update. */
  abstract void update(Elements p, Elements g, long t);

  @Override
  public final long steps() {
    return steps;
  }
}
