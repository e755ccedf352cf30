package dev.descent.testkit.trace;

import java.util.Arrays;

/**
 * The optimizer's position after {@code step} updates and the function's value there.
 *
 * @param step number of updates applied (0 is the start)
 * @param x the point, {@code {x, y}}; a defensive copy
 * @param loss the test function's value at {@code x}
 */
public record TracePoint(int step, double[] x, double loss) {

  public TracePoint {
    x = x.clone();
  }

  /** A copy of the point, so the record stays immutable. */
  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TracePoint p && p.step == step && Arrays.equals(p.x, x)
        && Double.compare(p.loss, loss) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * step + Arrays.hashCode(x)) + Double.hashCode(loss);
  }

  @Override
  public String toString() {
    return "TracePoint[step=" + step + ", x=" + Arrays.toString(x) + ", loss=" + loss + "]";
  }
}
