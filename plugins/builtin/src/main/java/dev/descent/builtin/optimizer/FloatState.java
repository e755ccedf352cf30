package dev.descent.builtin.optimizer;

import dev.descent.spi.ParameterState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of a built-in optimizer for a float32 parameter: its buffers are float32 and the update runs
 * in float32 arithmetic, as torch.optim does for float32 parameters, over plain arrays the JIT vectorises
 * (half the memory traffic of {@link dev.descent.spi.ElementwiseState}'s double-precision copies, which
 * float64 parameters keep, so the float64 torch traces still check the mathematics to 1e-9). The
 * parameter and gradient are copied in bulk ({@link FloatElements}); a subclass writes one loop.
 */
abstract class FloatState implements ParameterState {
  private final long[] shape;
  private final float[] p;
  private final float[] g;
  private long steps;

  FloatState(INDArray parameter) {
    this.shape = parameter.shape().clone();
    int n = Math.toIntExact(parameter.length());
    p = new float[n];
    g = new float[n];
  }

  /** Elements of the parameter, the length of every buffer. */
  final int size() {
    return p.length;
  }

  @Override
  public final void step(INDArray parameter, INDArray gradient) {
    FloatElements.checkShapes(shape, parameter, gradient);
    FloatElements.read(parameter, p);
    FloatElements.read(gradient, g);
    steps++;
    update(p, g, steps);
    FloatElements.write(parameter, p);
  }

  /** Changes {@code p} in place from {@code g} (a scratch copy that may be written); {@code t} counts from 1. */
  abstract void update(float[] p, float[] g, long t);

  @Override
  public final long steps() {
    return steps;
  }
}
