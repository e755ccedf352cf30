package dev.descent.builtin.optimizer;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk access to a float32 array's elements in c order for an optimizer that keeps its state in
 * float32, as torch.optim does for float32 parameters: one memory copy in and one out per step, with
 * no widening to double and half the memory traffic of a double-precision state. A contiguous c-order
 * array (also a view into the network's flat parameter array) is read and written in place through its
 * NIO buffer; anything else goes through a c-order copy that is written back.
 */
final class FloatElements {
  private FloatElements() {}

  /** Copies {@code a}'s elements (c order) into {@code dst}. */
  static void read(INDArray a, float[] dst) {
    if (contiguous(a)) {
      a.data().asNioFloat().get(Math.toIntExact(a.offset()), dst, 0, dst.length);
    } else {
      INDArray c = a.dup('c');
      c.data().asNioFloat().get(Math.toIntExact(c.offset()), dst, 0, dst.length);
    }
  }

  /** Stores {@code src} (c order) into {@code a}. */
  static void write(INDArray a, float[] src) {
    if (contiguous(a)) {
      FloatBuffer b = a.data().asNioFloat();
      b.put(Math.toIntExact(a.offset()), src, 0, src.length);
    } else {
      a.assign(Nd4j.create(src, a.shape(), 'c'));
    }
  }

  private static boolean contiguous(INDArray a) {
    return a.length() == 1 || a.ordering() == 'c' && a.elementWiseStride() == 1;
  }

  /** Throws unless both arrays have {@code shape}, as {@link dev.descent.spi.ElementwiseState} does. */
  static void checkShapes(long[] shape, INDArray parameter, INDArray gradient) {
    if (!Arrays.equals(shape, parameter.shape()) || !Arrays.equals(shape, gradient.shape())) {
      throw new IllegalArgumentException("state was created for shape " + Arrays.toString(shape) + ", got parameter "
          + Arrays.toString(parameter.shape()) + " and gradient " + Arrays.toString(gradient.shape()));
    }
  }

  /** Whether a parameter trains in float32 (its state then stays in float32 too). */
  static boolean isFloat(INDArray parameter) {
    return parameter.dataType() == DataType.FLOAT;
  }
}
