package dev.descent.builtin.loss;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes a small contiguous matrix (a batch of logits, targets or their gradient) in place
 * through its NIO buffer, so a loss over a few hundred values is one Java loop rather than a dozen ND4J
 * ops, each a native dispatch and often an allocation. Only contiguous c-order float32 and float64
 * arrays qualify ({@link #direct}); the caller keeps its ND4J form for anything else.
 */
final class HostRows {
  private HostRows() {}

  /** Whether {@code a} is a c-order, contiguous float32 or float64 array (a view with an offset is fine). */
  static boolean direct(INDArray a) {
    DataType t = a.dataType();
    return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.rank() == 2
        && (a.length() == 1 || a.ordering() == 'c' && a.elementWiseStride() == 1);
  }

  /** Every element in c order, widened to double. */
  static double[] read(INDArray a) {
    int n = Math.toIntExact(a.length());
    int base = Math.toIntExact(a.offset());
    double[] out = new double[n];
    if (a.dataType() == DataType.FLOAT) {
      FloatBuffer b = a.data().asNioFloat();
      for (int i = 0; i < n; i++) {
        out[i] = b.get(base + i);
      }
    } else {
      a.data().asNioDouble().get(base, out, 0, n);
    }
    return out;
  }

  /** Stores {@code values} (c order) into {@code a}, rounding to its type. */
  static void write(INDArray a, double[] values) {
    int base = Math.toIntExact(a.offset());
    if (a.dataType() == DataType.FLOAT) {
      FloatBuffer b = a.data().asNioFloat();
      for (int i = 0; i < values.length; i++) {
        b.put(base + i, (float) values[i]);
      }
    } else {
      DoubleBuffer b = a.data().asNioDouble();
      b.put(base, values, 0, values.length);
    }
  }
}
