package dev.descent.testkit.trace;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Two-dimensional test functions for watching an optimizer move, each with its analytic gradient
 * and a fixed starting point.
 *
 * <p>The arithmetic is written operation for operation like {@code make_traces.py}, which produced
 * the PyTorch reference trajectories, so both sides feed the optimizer bitwise identical gradients.
 */
public enum TestFunction {
  /** {@code (1-x)^2 + 100 (y-x^2)^2}: a curved narrow valley, minimum 0 at (1, 1). */
  ROSENBROCK(-1.5, 2.0) {
    @Override
    public double value(double x, double y) {
      double a = 1.0 - x;
      double b = y - x * x;
      return a * a + 100.0 * b * b;
    }

    @Override
    public double[] gradient(double x, double y) {
      double b = y - x * x;
      return new double[] {-2.0 * (1.0 - x) - 400.0 * x * b, 200.0 * b};
    }
  },
  /** {@code 0.5 (x^2 + 10 y^2)}: convex, condition number 10, minimum 0 at the origin. */
  QUADRATIC(2.0, 1.0) {
    @Override
    public double value(double x, double y) {
      return 0.5 * (x * x + 10.0 * y * y);
    }

    @Override
    public double[] gradient(double x, double y) {
      return new double[] {x, 10.0 * y};
    }
  },
  /** {@code (x^2+y-11)^2 + (x+y^2-7)^2}: four minima of value 0, e.g. at (3, 2). */
  HIMMELBLAU(-1.0, 1.0) {
    @Override
    public double value(double x, double y) {
      double a = x * x + y - 11.0;
      double b = x + y * y - 7.0;
      return a * a + b * b;
    }

    @Override
    public double[] gradient(double x, double y) {
      double a = x * x + y - 11.0;
      double b = x + y * y - 7.0;
      return new double[] {4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b};
    }
  };

  private final double startX;
  private final double startY;

  TestFunction(double startX, double startY) {
    this.startX = startX;
    this.startY = startY;
  }

  /** The function's value at (x, y). */
  public abstract double value(double x, double y);

  /** The analytic gradient {@code {df/dx, df/dy}} at (x, y). */
  public abstract double[] gradient(double x, double y);

  /** The conventional starting point used by the reference traces. */
  public double[] start() {
    return new double[] {startX, startY};
  }

  /** The lowercase name used on the command line: {@code rosenbrock}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The function with the given {@link #id()} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid ids when there is no such function
   */
  public static TestFunction byName(String name) {
    for (TestFunction f : values()) {
      if (f.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return f;
      }
    }
    String valid = Arrays.stream(values()).map(TestFunction::id).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("Unknown test function '" + name + "'. Available: " + valid);
  }
}
