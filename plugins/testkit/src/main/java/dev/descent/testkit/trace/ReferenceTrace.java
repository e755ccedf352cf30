package dev.descent.testkit.trace;

import dev.descent.spi.Optimizer;
import dev.descent.spi.OptimizerProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reference trajectory: where a reference implementation (e.g. {@code torch.optim}) took a
 * test function's point, step by step, for one configuration. {@link #check} replays it through a
 * descent optimizer with {@link OptimizerTrace}.
 *
 * @param params the configuration, with descent's parameter names; {@code {}} means the defaults
 * @param function the test function
 * @param start the starting point {@code {x, y}}
 * @param points the point after 0, 1, 2, ... updates; entry 0 is the start
 */
public record ReferenceTrace(Map<String, Object> params, TestFunction function, double[] start, List<double[]> points) {
  /** Relative errors are measured against {@code max(|reference|, FLOOR)}, so coordinates near 0 do not blow up. */
  public static final double FLOOR = 1e-12;

  public ReferenceTrace {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    start = start.clone();
    List<double[]> copy = new ArrayList<>();
    points.forEach(p -> copy.add(p.clone()));
    points = Collections.unmodifiableList(copy);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a reference trace needs at least the start point");
    }
  }

  /** A short name for test reports: {@code {learning_rate=0.01} on rosenbrock}. */
  public String label() {
    return params + " on " + function.id();
  }

  /**
   * Configures {@code provider} with {@link #params()}, runs it from {@link #start()} for as many
   * steps as there are reference points, and compares every coordinate.
   *
   * @return the largest relative error {@code |descent - reference| / max(|reference|, FLOOR)}
   * @throws AssertionError at the first coordinate whose relative error exceeds {@code tolerance},
   *     naming the step, the coordinate and both values
   */
  public double check(OptimizerProvider provider, double tolerance) {
    Optimizer optimizer = provider.configure(params);
    List<TracePoint> trace = OptimizerTrace.run(optimizer, function, start, points.size() - 1);
    double worst = 0;
    for (int k = 0; k < points.size(); k++) {
      double[] x = trace.get(k).x();
      double[] ref = points.get(k);
      for (int j = 0; j < 2; j++) {
        double err = Math.abs(x[j] - ref[j]) / Math.max(Math.abs(ref[j]), FLOOR);
        if (!(err <= tolerance)) {
          throw new AssertionError(provider.name() + " " + label() + ": step " + k + " coordinate " + j
              + ": descent " + x[j] + ", reference " + ref[j] + ", relative error " + err + " > " + tolerance);
        }
        worst = Math.max(worst, err);
      }
    }
    return worst;
  }
}
