package dev.descent.spi;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct element access to an array's memory, so an optimizer update is one Java loop instead of a
 * chain of ND4J ops (each a native dispatch and a pass over memory).
 *
 * <p>A contiguous c-order float32 or float64 array, including a view into a larger flat array, is
 * read and written in place through an NIO buffer at {@code offset()}. Anything else (a column
 * view, f order, another data type) is copied to a c-order array and written back by
 * {@link #write}. Elements move in bulk (one memory copy each way per step), so the
 * optimizer's loop runs over plain arrays.
 *
 * <p>Not API: package-private, used only by {@link ElementwiseState}.
 */
abstract class Elements {
  private final INDArray writeBack;
  private final INDArray copy;

  private Elements(INDArray writeBack, INDArray copy) {
    this.writeBack = writeBack;
    this.copy = copy;
  }

  /** Access to {@code a}'s elements in c order. */
  static Elements of(INDArray a) {
    DataType t = a.dataType();
    boolean direct = (t == DataType.FLOAT || t == DataType.DOUBLE)
        && (a.length() == 1 || a.ordering() == 'c' && a.elementWiseStride() == 1);
    if (direct) {
      return wrap(a, null, null);
    }
    INDArray copy = (t == DataType.FLOAT ? a : a.castTo(DataType.DOUBLE)).dup('c');
    return wrap(copy, a, copy);
  }

  private static Elements wrap(INDArray a, INDArray writeBack, INDArray copy) {
    int offset = Math.toIntExact(a.offset());
    if (a.dataType() == DataType.FLOAT) {
      return new Floats(a.data().asNioFloat(), offset, writeBack, copy);
    }
    return new Doubles(a.data().asNioDouble(), offset, writeBack, copy);
  }

  /** Copies every element (c order) into {@code dst}, widening through {@code scratch} if needed. */
  abstract void read(double[] dst, float[] scratch);

  /** Stores {@code src} into the array (rounding to its type) and into the original if this is a copy. */
  final void write(double[] src, float[] scratch) {
    store(src, scratch);
    if (writeBack != null) {
      writeBack.assign(copy);
    }
  }

  abstract void store(double[] src, float[] scratch);

  private static final class Floats extends Elements {
    private final FloatBuffer buf;
    private final int base;

    Floats(FloatBuffer buf, int base, INDArray writeBack, INDArray copy) {
      super(writeBack, copy);
      this.buf = buf;
      this.base = base;
    }

    @Override
    void read(double[] dst, float[] scratch) {
      int n = dst.length;
      buf.get(base, scratch, 0, n);
      for (int i = 0; i < n; i++) {
        dst[i] = scratch[i];
      }
    }

    @Override
    void store(double[] src, float[] scratch) {
      int n = src.length;
      for (int i = 0; i < n; i++) {
        scratch[i] = (float) src[i];
      }
      buf.put(base, scratch, 0, n);
    }
  }

  private static final class Doubles extends Elements {
    private final DoubleBuffer buf;
    private final int base;

    Doubles(DoubleBuffer buf, int base, INDArray writeBack, INDArray copy) {
      super(writeBack, copy);
      this.buf = buf;
      this.base = base;
    }

    @Override
    void read(double[] dst, float[] scratch) {
      buf.get(base, dst, 0, dst.length);
    }

    @Override
    void store(double[] src, float[] scratch) {
      buf.put(base, src, 0, src.length);
    }
  }
}
