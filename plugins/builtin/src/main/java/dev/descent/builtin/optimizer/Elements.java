package dev.descent.builtin.optimizer;

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
 * {@link #commit()}. Exactly two subclasses exist, so the calls in an update loop stay bimorphic
 * and the JIT inlines them.
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

  /** Element i (c order) as a double. */
  abstract double get(int i);

  /** Sets element i, rounding to the array's type. */
  abstract void set(int i, double v);

  /** Writes a copy back into the original array; a no-op when the memory was accessed directly. */
  final void commit() {
    if (writeBack != null) {
      writeBack.assign(copy);
    }
  }

  private static final class Floats extends Elements {
    private final FloatBuffer buf;
    private final int base;

    Floats(FloatBuffer buf, int base, INDArray writeBack, INDArray copy) {
      super(writeBack, copy);
      this.buf = buf;
      this.base = base;
    }

    @Override
    double get(int i) {
      return buf.get(base + i);
    }

    @Override
    void set(int i, double v) {
      buf.put(base + i, (float) v);
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
    double get(int i) {
      return buf.get(base + i);
    }

    @Override
    void set(int i, double v) {
      buf.put(base + i, v);
    }
  }
}
