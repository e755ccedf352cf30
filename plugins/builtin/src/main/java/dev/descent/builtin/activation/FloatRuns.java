package dev.descent.builtin.activation;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise activations on float32 training arrays as Java loops instead of ND4J ops. Each ND4J op
 * costs a native dispatch with an op context and shape buffers (the ReLU forward and backward passes were
 * 12% of a batch-32 training step, docs/benchmarks.md); here the elements are copied a run at a time into
 * two small scratch arrays that stay in the L1 cache, computed by a loop the JIT vectorises, and copied
 * back. Only contiguous c-order float32 arrays qualify ({@link #direct}); callers keep their ND4J form for
 * anything else (float64 gradient checks, views with strides).
 */
final class FloatRuns {
  /** Elements per run: two runs take 16 KiB, half a typical L1 data cache. */
  static final int RUN = 2048;
  /** Scratch per thread: one plugin instance serves every training thread of the process. */
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][RUN]);

  private FloatRuns() {}

  /** A computation on one run: reads {@code a[0, n)} and {@code b[0, n)}, writes the result into {@code b}. */
  interface Kernel {
    void apply(float[] a, float[] b, int n);
  }

  /** Whether every array is a contiguous c-order float32 array of at least one element. */
  static boolean direct(INDArray... arrays) {
    for (INDArray x : arrays) {
      if (x.dataType() != DataType.FLOAT || x.length() >= Integer.MAX_VALUE
          || x.length() > 1 && (x.ordering() != 'c' || x.elementWiseStride() != 1)) {
        return false;
      }
    }
    return true;
  }

  /** {@code out = kernel(a, b)} run by run; {@code b} and {@code out} may be the same array, or {@code b} null. */
  static void apply(INDArray a, INDArray b, INDArray out, Kernel kernel) {
    float[][] s = SCRATCH.get();
    FloatBuffer in1 = a.data().asNioFloat();
    FloatBuffer in2 = b == null ? null : b.data().asNioFloat();
    FloatBuffer dst = out.data().asNioFloat();
    int baseA = Math.toIntExact(a.offset());
    int baseB = b == null ? 0 : Math.toIntExact(b.offset());
    int baseOut = Math.toIntExact(out.offset());
    int length = Math.toIntExact(out.length());
    for (int at = 0; at < length; at += RUN) {
      int n = Math.min(RUN, length - at);
      in1.get(baseA + at, s[0], 0, n);
      if (in2 != null) {
        in2.get(baseB + at, s[1], 0, n);
      }
      kernel.apply(s[0], s[1], n);
      dst.put(baseOut + at, s[1], 0, n);
    }
  }

  /** Reads a whole small array (a batch of logits) into {@code dst}, which must hold its length. */
  static void read(INDArray a, float[] dst) {
    a.data().asNioFloat().get(Math.toIntExact(a.offset()), dst, 0, Math.toIntExact(a.length()));
  }

  /** Stores {@code src} into a whole small array. */
  static void write(INDArray a, float[] src) {
    a.data().asNioFloat().put(Math.toIntExact(a.offset()), src, 0, Math.toIntExact(a.length()));
  }
}
