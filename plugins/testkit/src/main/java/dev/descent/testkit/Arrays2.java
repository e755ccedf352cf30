package dev.descent.testkit;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small seeded array factories shared by the contracts; not API. */
final class Arrays2 {
  private Arrays2() {}

  /** Uniform values in [lo, hi), float64, c order. */
  static INDArray uniform(Random rnd, int rows, int cols, double lo, double hi) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = lo + (hi - lo) * rnd.nextDouble();
      }
    }
    return Nd4j.createFromArray(v);
  }

  /** Standard normal values, float64. */
  static INDArray normal(Random rnd, int rows, int cols) {
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    return Nd4j.createFromArray(v);
  }

  /** Moves every value with |v| < margin to ±margin, away from kinks at 0. */
  static INDArray awayFromZero(INDArray a, double margin) {
    for (long i = 0; i < a.length(); i++) {
      double v = a.getDouble(i);
      if (Math.abs(v) < margin) {
        a.putScalar(i, v < 0 ? -margin : margin);
      }
    }
    return a;
  }

  /** True if every element is finite. */
  static boolean allFinite(INDArray a) {
    INDArray d = a.castTo(DataType.DOUBLE);
    for (long i = 0; i < d.length(); i++) {
      if (!Double.isFinite(d.getDouble(i))) {
        return false;
      }
    }
    return true;
  }

  /** True if both arrays have the same type, shape and bitwise equal elements. */
  static boolean bitwiseEqual(INDArray a, INDArray b) {
    if (a.dataType() != b.dataType() || !java.util.Arrays.equals(a.shape(), b.shape())) {
      return false;
    }
    for (long i = 0; i < a.length(); i++) {
      if (Double.doubleToRawLongBits(a.getDouble(i)) != Double.doubleToRawLongBits(b.getDouble(i))) {
        return false;
      }
    }
    return true;
  }
}
