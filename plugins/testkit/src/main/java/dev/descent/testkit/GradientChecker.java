package dev.descent.testkit;

import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares an analytic gradient with central differences, in double precision.
 *
 * <p>For every element i of x the numeric derivative is {@code n = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)}
 * and its error against the analytic value a is the relative error
 * {@code |a - n| / max(|a|, |n|, floor)}. The floor (default {@value #DEFAULT_FLOOR}) keeps
 * elements whose true derivative is zero from dividing rounding noise by zero; below it the
 * measure is an absolute error scaled by 1/floor. Central differences have a truncation error of
 * order eps² and a rounding error of order 1e-16 |f| / eps; eps = 1e-6 balances them for
 * functions of order one.
 *
 * <p>x must be float64 (a float32 check cannot reach 1e-6); it is perturbed in place one element at
 * a time and restored exactly before {@code check} returns.
 */
public final class GradientChecker {
  /** The default finite-difference step. */
  public static final double DEFAULT_EPS = 1e-6;
  /** The default denominator floor of the relative error. */
  public static final double DEFAULT_FLOOR = 1e-8;

  /**
   * The worst element of a check.
   *
   * @param maxRelativeError the largest relative error found (0 for an empty x)
   * @param index the linear index (c order) where it occurred, -1 for an empty x
   * @param analytic the analytic derivative there
   * @param numeric the central-difference derivative there
   */
  public record Result(double maxRelativeError, long index, double analytic, double numeric) {

    /** Whether the largest relative error is below {@code tolerance}. */
    public boolean passes(double tolerance) {
      return maxRelativeError < tolerance;
    }

    @Override
    public String toString() {
      return "max relative error " + maxRelativeError + " at element " + index + " (analytic " + analytic
          + ", numeric " + numeric + ")";
    }
  }

  private GradientChecker() {}

  /** {@link #check(ToDoubleFunction, INDArray, INDArray, double, double)} with the default floor. */
  public static Result check(ToDoubleFunction<INDArray> value, INDArray x, INDArray analyticGradient, double eps) {
    return check(value, x, analyticGradient, eps, DEFAULT_FLOOR);
  }

  /**
   * Checks {@code analyticGradient} against central differences of {@code value} at {@code x}.
   *
   * @param value the scalar function; called 2 x.length() times with x perturbed in place
   * @param x the point, float64, modified during the call and restored
   * @param analyticGradient dvalue/dx, x's shape
   * @param eps the finite-difference step
   * @param floor the denominator floor of the relative error
   */
  public static Result check(
      ToDoubleFunction<INDArray> value, INDArray x, INDArray analyticGradient, double eps, double floor) {
    requireDouble(x);
    if (!java.util.Arrays.equals(x.shape(), analyticGradient.shape())) {
      throw new IllegalArgumentException("gradient shape " + java.util.Arrays.toString(analyticGradient.shape())
          + " differs from x's " + java.util.Arrays.toString(x.shape()));
    }
    INDArray a = analyticGradient.castTo(DataType.DOUBLE).dup('c');
    Result worst = new Result(0, -1, Double.NaN, Double.NaN);
    for (long i = 0; i < x.length(); i++) {
      double n = numericDerivative(value, x, i, eps);
      double ai = a.getDouble(i);
      double err = relativeError(ai, n, floor);
      if (err > worst.maxRelativeError() || Double.isNaN(err) || worst.index() < 0) {
        worst = new Result(err, i, ai, n);
        if (Double.isNaN(err)) {
          return worst;
        }
      }
    }
    return worst;
  }

  /** The central-difference gradient of {@code value} at {@code x} (float64, x's shape). */
  public static INDArray numericGradient(ToDoubleFunction<INDArray> value, INDArray x, double eps) {
    requireDouble(x);
    INDArray g = x.ulike().castTo(DataType.DOUBLE);
    for (long i = 0; i < x.length(); i++) {
      g.putScalar(i, numericDerivative(value, x, i, eps));
    }
    return g;
  }

  /** {@code |a - n| / max(|a|, |n|, floor)}; NaN if either is NaN. */
  public static double relativeError(double a, double n, double floor) {
    if (Double.isNaN(a) || Double.isNaN(n)) {
      return Double.NaN;
    }
    return Math.abs(a - n) / Math.max(Math.max(Math.abs(a), Math.abs(n)), floor);
  }

  private static double numericDerivative(ToDoubleFunction<INDArray> value, INDArray x, long i, double eps) {
    double orig = x.getDouble(i);
    x.putScalar(i, orig + eps);
    double plus = value.applyAsDouble(x);
    x.putScalar(i, orig - eps);
    double minus = value.applyAsDouble(x);
    x.putScalar(i, orig);
    return (plus - minus) / (2 * eps);
  }

  private static void requireDouble(INDArray x) {
    if (x.dataType() != DataType.DOUBLE) {
      throw new IllegalArgumentException("gradient checks need a float64 x, was " + x.dataType());
    }
  }
}
