package dev.descent.testkit.trace;

import dev.descent.spi.Optimizer;
import dev.descent.spi.ParameterState;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an optimizer on a {@link TestFunction} and records where it goes. Used by
 * {@code descent optimizers trace} and by the PyTorch cross-check.
 *
 * <p>The parameter is a 1x2 float64 array, so a trajectory can be compared with torch's float64
 * one to rounding error.
 */
public final class OptimizerTrace {

  private OptimizerTrace() {}

  /**
   * Optimizes {@code function} from {@code start} for {@code steps} updates.
   *
   * @return {@code steps + 1} points: entry k is the point after k updates, entry 0 the start
   */
  public static List<TracePoint> run(Optimizer optimizer, TestFunction function, double[] start, int steps) {
    if (start.length != 2) {
      throw new IllegalArgumentException("start must have 2 coordinates, was " + start.length);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, was " + steps);
    }
    INDArray parameter = Nd4j.createFromArray(new double[][] {{start[0], start[1]}});
    INDArray gradient = Nd4j.createFromArray(new double[][] {{0.0, 0.0}});
    ParameterState state = optimizer.newState(parameter);
    List<TracePoint> points = new ArrayList<>(steps + 1);
    points.add(point(0, parameter, function));
    for (int k = 1; k <= steps; k++) {
      double[] g = function.gradient(parameter.getDouble(0, 0), parameter.getDouble(0, 1));
      gradient.putScalar(0, 0, g[0]);
      gradient.putScalar(0, 1, g[1]);
      state.step(parameter, gradient);
      points.add(point(k, parameter, function));
    }
    return points;
  }

  /** As {@link #run(Optimizer, TestFunction, double[], int)} from the function's {@link TestFunction#start()}. */
  public static List<TracePoint> run(Optimizer optimizer, TestFunction function, int steps) {
    return run(optimizer, function, function.start(), steps);
  }

  private static TracePoint point(int step, INDArray parameter, TestFunction f) {
    double x = parameter.getDouble(0, 0);
    double y = parameter.getDouble(0, 1);
    return new TracePoint(step, new double[] {x, y}, f.value(x, y));
  }
}
