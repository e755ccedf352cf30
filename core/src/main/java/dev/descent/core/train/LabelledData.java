package dev.descent.core.train;

import dev.descent.core.data.Examples;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples in the form the network trains on: features and targets in the network's data type, and
 * how accuracy is read from the output (argmax over classes, a 0.5 threshold on a single sigmoid
 * unit for two classes, or not at all for regression).
 */
record LabelledData(INDArray features, INDArray targets, int[] labels, Accuracy accuracy) {

  enum Accuracy { ARGMAX, THRESHOLD, NONE }

  int size() {
    return (int) features.rows();
  }

  /**
   * Adapts {@code ex} to a network with {@code outputs} units; returns null when they cannot fit,
   * which the caller reports as a model error.
   */
  static LabelledData of(Examples ex, int outputs, DataType dtype) {
    INDArray x = ex.features().dataType() == dtype ? ex.features() : ex.features().castTo(dtype);
    if (ex.numClasses() == 0) {
      return ex.targets().columns() == outputs ? new LabelledData(x, cast(ex.targets(), dtype), ex.labels(), Accuracy.NONE) : null;
    }
    if (outputs == ex.numClasses()) {
      return new LabelledData(x, cast(ex.targets(), dtype), ex.labels(), Accuracy.ARGMAX);
    }
    if (outputs == 1 && ex.numClasses() == 2) {
      double[] col = new double[ex.size()];
      for (int i = 0; i < col.length; i++) {
        col[i] = ex.labels()[i];
      }
      return new LabelledData(x, Nd4j.create(col, new long[] {col.length, 1}, DataType.DOUBLE).castTo(dtype),
          ex.labels(), Accuracy.THRESHOLD);
    }
    return null;
  }

  private static INDArray cast(INDArray a, DataType dtype) {
    return a.dataType() == dtype ? a : a.castTo(dtype);
  }

  /** How many rows of {@code output} match the labels at {@code rows} (or rows offset.. offset+n). */
  int correct(INDArray output, int[] rows, int offset) {
    if (accuracy == Accuracy.NONE) {
      return 0;
    }
    int n = (int) output.rows();
    int hits = 0;
    if (accuracy == Accuracy.ARGMAX && output.dataType() == DataType.FLOAT && output.ordering() == 'c'
        && output.elementWiseStride() == 1) {
      return argmaxHits(output.data().asNioFloat(), Math.toIntExact(output.offset()), n, (int) output.columns(), rows,
          offset);
    }
    if (accuracy == Accuracy.ARGMAX) {
      long[] predicted = output.argMax(1).toLongVector();
      for (int i = 0; i < n; i++) {
        hits += predicted[i] == labels[rows == null ? offset + i : rows[i]] ? 1 : 0;
      }
    } else {
      double[] p = output.reshape(n).toDoubleVector();
      for (int i = 0; i < n; i++) {
        hits += (p[i] > 0.5 ? 1 : 0) == labels[rows == null ? offset + i : rows[i]] ? 1 : 0;
      }
    }
    return hits;
  }

  /**
   * Argmax hits read straight from a contiguous float32 output's memory: what {@code argMax} and a copy to
   * the heap cost as two native calls per batch; ties go to the first class, as {@code argMax}'s do.
   */
  private int argmaxHits(java.nio.FloatBuffer out, int base, int n, int classes, int[] rows, int offset) {
    int hits = 0;
    for (int i = 0; i < n; i++) {
      int o = base + i * classes;
      int best = 0;
      float max = out.get(o);
      for (int j = 1; j < classes; j++) {
        float v = out.get(o + j);
        if (v > max) {
          max = v;
          best = j;
        }
      }
      hits += best == labels[rows == null ? offset + i : rows[i]] ? 1 : 0;
    }
    return hits;
  }
}
