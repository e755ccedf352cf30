package dev.descent.core.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers the rows of one batch of the shared training set into arrays reused from batch to batch, by
 * copying each row's memory directly (one bulk copy per row, no ND4J op). {@code Nd4j.pullRows} did the
 * same through two native op dispatches per batch; gathering the whole shuffled epoch once into a second
 * copy of the training set, as an efficient PyTorch loop does, was no faster here and cost 188 MB on
 * Fashion-MNIST (docs/benchmarks.md). Arrays that are not contiguous c-order float32/float64 go through
 * {@code pullRows}. The shared dataset is only read.
 */
final class BatchRows {
  private final INDArray features;
  private final INDArray targets;
  private final Map<Integer, INDArray[]> buffers = new HashMap<>();

  BatchRows(INDArray features, INDArray targets) {
    this.features = features;
    this.targets = targets;
  }

  /** Features and targets of {@code rows}, in that order, in arrays valid until the next call with as many rows. */
  INDArray[] gather(int[] rows) {
    INDArray[] xy = buffers.computeIfAbsent(rows.length, r -> new INDArray[] {
        Nd4j.create(features.dataType(), r, features.columns()), Nd4j.create(targets.dataType(), r, targets.columns())});
    copyRows(features, xy[0], rows);
    copyRows(targets, xy[1], rows);
    return xy;
  }

  private static void copyRows(INDArray from, INDArray to, int[] rows) {
    if (!direct(from) || !direct(to) || from.dataType() != to.dataType()) {
      Nd4j.pullRows(from, to, 1, rows);
      return;
    }
    int cols = (int) from.columns();
    int src = Math.toIntExact(from.offset());
    int dst = Math.toIntExact(to.offset());
    if (from.dataType() == DataType.FLOAT) {
      FloatBuffer in = from.data().asNioFloat();
      FloatBuffer out = to.data().asNioFloat();
      for (int i = 0; i < rows.length; i++) {
        out.put(dst + i * cols, in, src + rows[i] * cols, cols);
      }
    } else {
      DoubleBuffer in = from.data().asNioDouble();
      DoubleBuffer out = to.data().asNioDouble();
      for (int i = 0; i < rows.length; i++) {
        out.put(dst + i * cols, in, src + rows[i] * cols, cols);
      }
    }
  }

  private static boolean direct(INDArray a) {
    DataType t = a.dataType();
    return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.rank() == 2 && a.ordering() == 'c'
        && (a.elementWiseStride() == 1 || a.length() <= 1) && a.length() < Integer.MAX_VALUE;
  }
}
